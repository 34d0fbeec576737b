/**
 * The files a daemon reads when it checks one node: every HAProxy file of the node's
 * configuration in load order (they go to `haproxy -c` as one `-f` each), or the node's
 * `keepalived.conf` followed by every file its includes read. The check's findings are placed on
 * these texts, so they are the snapshots the host validates, unsaved edits included.
 */
import type { ClusterNodeInput } from '../cluster/model.js';
import type { FileHost } from '../common/file-host.js';
import { expandKeepalived } from '../keepalived/analysis/expand.js';
import type { DaemonName } from './output.js';

/** One file a check reads: its identifier for the host and its text. */
interface DaemonInputFile {
  readonly uri: string;
  readonly text: string;
}

/**
 * The files `daemon` reads for `node`, the one the check starts from first; empty when the node
 * has no file for that daemon. Included Keepalived files are read through `files`, as validation
 * reads them (unreadable ones are left out: the daemon reports them itself).
 */
export function daemonInputFiles(
  daemon: DaemonName,
  node: ClusterNodeInput,
  files?: FileHost,
): DaemonInputFile[] {
  if (daemon === 'haproxy') {
    return (node.haproxyConfig ?? node.haproxy).map(({ uri, text }) => ({ uri, text }));
  }
  const main = node.keepalived[0];
  if (main === undefined) return [];
  const result: DaemonInputFile[] = [{ uri: main.uri, text: main.text }];
  if (files === undefined) return result;
  const expansion = expandKeepalived(main.parse.ast, {
    uri: main.uri,
    files,
    configId: node.configId ?? node.name,
    env: node.env,
  });
  for (const uri of expansion.included) {
    if (uri === main.uri) continue;
    const text = files.readFile(uri);
    if (text !== undefined) result.push({ uri, text });
  }
  return result;
}
