import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Issue } from '../../../server/src/core/common/issue.js';
import { runRules } from '../../../server/src/core/common/rule.js';
import { buildCluster } from '../../../server/src/core/cluster/build.js';
import type { ClusterModel, ClusterNodeInput } from '../../../server/src/core/cluster/model.js';
import { HAPROXY_SIDE_RULES } from '../../../server/src/core/cluster/rules/haproxy-side.js';
import {
  makeDocument,
  type HaproxyDocument,
  type KeepalivedDocument,
} from '../../../server/src/core/document.js';
import { parseHaproxy } from '../../../server/src/core/haproxy/index.js';
import { parseKeepalived } from '../../../server/src/core/keepalived/index.js';
import { DEFAULT_SETTINGS, type ServiceSettings } from '../../../server/src/core/settings.js';
import { projectRoot } from '../../helpers/paths.js';

/** Folder of the cluster fixtures. */
export const clusterFixtures = join(projectRoot, 'test/fixtures/cluster');

/** A parsed HAProxy document from text. */
export function haproxyDocument(uri: string, text: string): HaproxyDocument {
  return makeDocument('haproxy', uri, 0, text, parseHaproxy(text)) as HaproxyDocument;
}

/** A parsed Keepalived document from text. */
export function keepalivedDocument(uri: string, text: string): KeepalivedDocument {
  return makeDocument('keepalived', uri, 0, text, parseKeepalived(text)) as KeepalivedDocument;
}

/**
 * The node inputs of a folder of node folders: each node's `haproxy.cfg` (or its `conf.d/*.cfg`
 * in name order) and `keepalived.conf`; identifiers are absolute paths.
 */
export function readNodes(dir: string): ClusterNodeInput[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const folder = join(dir, name);
      const haproxyFiles = existsSync(join(folder, 'conf.d'))
        ? readdirSync(join(folder, 'conf.d'))
            .filter((file) => file.endsWith('.cfg'))
            .sort()
            .map((file) => join(folder, 'conf.d', file))
        : [join(folder, 'haproxy.cfg')].filter((file) => existsSync(file));
      const keepalivedFiles = [join(folder, 'keepalived.conf')].filter((file) => existsSync(file));
      return {
        name,
        haproxy: haproxyFiles.map((file) => haproxyDocument(file, readFileSync(file, 'utf8'))),
        keepalived: keepalivedFiles.map((file) =>
          keepalivedDocument(file, readFileSync(file, 'utf8')),
        ),
      };
    });
}

/** Builds the model of a fixture folder (relative to the cluster fixtures, or absolute). */
export function loadCluster(
  dir: string,
  settings: ServiceSettings = DEFAULT_SETTINGS,
): ClusterModel {
  const folder = dir.startsWith('/') ? dir : join(clusterFixtures, dir);
  return buildCluster({ nodes: readNodes(folder), settings });
}

/** Runs the HAProxy-side cluster rules, failing on a rule that throws. */
export function runHaproxySide(model: ClusterModel): Issue[] {
  return runRules(HAPROXY_SIDE_RULES, { model }, 'cluster', (code, error) => {
    throw new Error(`${code} threw: ${String(error)}`);
  });
}

/** `file:line` (1-based) of an offset in a file the model read, relative to `base`. */
export function place(
  model: ClusterModel,
  base: string,
  at: { readonly uri?: string | undefined; readonly start: number },
): string {
  const uri = at.uri ?? '';
  const line = (model.lineIndexOf(uri)?.positionAt(at.start).line ?? -1) + 1;
  return `${relative(base.startsWith('/') ? base : join(clusterFixtures, base), uri)}:${line}`;
}

/** Each issue as `code file:line -> related file:line, …` for compact assertions. */
export function summarize(model: ClusterModel, base: string, issues: readonly Issue[]): string[] {
  return issues
    .map(
      (issue) =>
        `${issue.code} ${place(model, base, issue)} -> ${(issue.related ?? [])
          .map((related) => place(model, base, related))
          .join(', ')}`,
    )
    .sort();
}
