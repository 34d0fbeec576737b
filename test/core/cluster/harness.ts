/**
 * Builds cluster inputs from fixture folders on disk: each node folder's `keepalived.conf` (and
 * `haproxy.cfg` when present), includes read through the CLI's disk file host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDiskFileHost } from '../../../server/src/node/file-host.js';
import { analyseCluster, type ClusterAnalysis } from '../../../server/src/core/cluster/index.js';
import type { ClusterNodeInput } from '../../../server/src/core/cluster/model.js';
import { VRRP_CLUSTER_RULES } from '../../../server/src/core/cluster/rules/index.js';
import type { HaproxyDocument, KeepalivedDocument } from '../../../server/src/core/document.js';
import { createLanguageService } from '../../../server/src/core/index.js';
import { DEFAULT_SETTINGS, type ServiceSettings } from '../../../server/src/core/settings.js';
import { projectRoot } from '../../helpers/paths.js';

const service = createLanguageService();

/** Folder of a fixture cluster. */
export function fixtureDir(scenario: string): string {
  return join(projectRoot, 'test/fixtures/cluster', scenario);
}

/** A parsed Keepalived file of the disk. */
export function keepalivedFile(path: string): KeepalivedDocument {
  return service.parse('keepalived', path, readFileSync(path, 'utf8')) as KeepalivedDocument;
}

/** A node from a folder holding `keepalived.conf` and maybe `haproxy.cfg`. */
export function folderNode(dir: string, name: string): ClusterNodeInput {
  const keepalived = join(dir, name, 'keepalived.conf');
  const haproxy = join(dir, name, 'haproxy.cfg');
  return {
    name,
    keepalived: existsSync(keepalived) ? [keepalivedFile(keepalived)] : [],
    haproxy: existsSync(haproxy)
      ? [service.parse('haproxy', haproxy, readFileSync(haproxy, 'utf8')) as HaproxyDocument]
      : [],
  };
}

/**
 * Analyses nodes with the disk file host and the cross-node VRRP rules only (the HAProxy-side
 * rules have their own tests).
 */
export function analyse(
  nodes: readonly ClusterNodeInput[],
  settings: ServiceSettings = DEFAULT_SETTINGS,
): ClusterAnalysis {
  return analyseCluster(
    { nodes, settings, files: createDiskFileHost() },
    (code, error) => {
      throw new Error(`rule ${code} threw: ${String(error)}`);
    },
    VRRP_CLUSTER_RULES,
  );
}

/** Analyses the named node folders of a fixture scenario. */
export function analyseScenario(
  scenario: string,
  names: readonly string[],
  settings?: ServiceSettings,
): ClusterAnalysis {
  const dir = fixtureDir(scenario);
  return analyse(
    names.map((name) => folderNode(dir, name)),
    settings,
  );
}

/** A finding as `code file:line` (file relative to the scenario, line 1-based). */
export function where(analysis: ClusterAnalysis, issue: { uri?: string; start: number }): string {
  const uri = issue.uri ?? '';
  const line = (analysis.model.lineIndexOf(uri)?.positionAt(issue.start).line ?? -1) + 1;
  const rel = uri.replace(`${join(projectRoot, 'test/fixtures/cluster')}/`, '');
  return `${rel}:${line}`;
}

/** The findings of one code as `file:line` strings, sorted. */
export function placesOf(analysis: ClusterAnalysis, code: string): string[] {
  return analysis.issues
    .filter((issue) => issue.code === code)
    .map((issue) => where(analysis, issue))
    .sort();
}

/** A node from inline Keepalived text (uri `/mem/<name>/keepalived.conf`). */
export function memoryNode(
  name: string,
  text: string,
  extra: Partial<Omit<ClusterNodeInput, 'name' | 'keepalived'>> = {},
): ClusterNodeInput {
  const uri = `/mem/${name}/keepalived.conf`;
  return {
    name,
    haproxy: [],
    ...extra,
    keepalived: [service.parse('keepalived', uri, text) as KeepalivedDocument],
  };
}

/** A two-node pair in a minimal valid shape, with per-node overrides spliced into VI_1. */
export function pairText(lines: string, state = 'BACKUP', priority = 100): string {
  return [
    'vrrp_instance VI_1 {',
    `    state ${state}`,
    '    interface eth0',
    '    virtual_router_id 51',
    `    priority ${priority}`,
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    ...lines
      .split('\n')
      .filter(Boolean)
      .map((line) => `    ${line}`),
    '}',
    '',
  ].join('\n');
}
