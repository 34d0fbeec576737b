/**
 * Small inline clusters for the cluster editor feature tests: each node one `keepalived.conf`
 * (with cursor markers), analysed through the facade as the LSP server does.
 */
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  type ClusterInfo,
  type ClusterNodeInput,
  type KeepalivedDocument,
} from '../../server/src/core/index.js';
import { mark } from './markers.js';

/** The service the cluster tests share. */
export const service = createLanguageService();

/** One node of an inline cluster. */
export interface InlineNode {
  readonly document: KeepalivedDocument;
  /** `<|>` cursors of the node's text. */
  readonly cursors: number[];
  /** `<|…|>` ranges of the node's text. */
  readonly ranges: Array<{ start: number; end: number }>;
}

/** An analysed inline cluster. */
export interface InlineCluster {
  readonly nodes: Readonly<Record<string, InlineNode>>;
  readonly analysis: ClusterInfo;
}

/** Parses each node's marked text as `file:///<node>/keepalived.conf` and analyses the cluster. */
export function inlineCluster(texts: Readonly<Record<string, string>>): InlineCluster {
  const nodes: Record<string, InlineNode> = {};
  const inputs: ClusterNodeInput[] = [];
  for (const [name, input] of Object.entries(texts)) {
    const marked = mark(input);
    const document = service.parse(
      'keepalived',
      `file:///${name}/keepalived.conf`,
      marked.text,
    ) as KeepalivedDocument;
    nodes[name] = { document, cursors: marked.cursors, ranges: marked.ranges };
    inputs.push({ name, haproxy: [], keepalived: [document] });
  }
  return { nodes, analysis: service.analyseCluster(inputs, { settings: DEFAULT_SETTINGS }) };
}

/**
 * One node of a pair tracking `chk_haproxy` with the script's default `weight`; `marks` replace
 * the instance name, the priority, the weight or the script name with marked text.
 */
export function pairConfig(
  priority: number,
  state: 'MASTER' | 'BACKUP',
  weight: number,
  marks: { instance?: string; priority?: string; weight?: string; script?: string } = {},
): string {
  return [
    // keepalived -t accepts this pair (it rejects scripts run without script security).
    'global_defs {',
    '    enable_script_security',
    '    script_user root',
    '}',
    `vrrp_script ${marks.script ?? 'chk_haproxy'} {`,
    '    script "/usr/bin/killall -0 haproxy"',
    '    interval 2',
    `    weight ${marks.weight ?? String(weight)}`,
    '}',
    `vrrp_instance ${marks.instance ?? 'VI_1'} {`,
    `    state ${state}`,
    '    interface eth0',
    '    virtual_router_id 51',
    `    priority ${marks.priority ?? String(priority)}`,
    '    advert_int 1',
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    '    track_script {',
    '        chk_haproxy',
    '    }',
    '}',
    '',
  ].join('\n');
}
