/**
 * The lab's client: runs in the client namespace, sends a run of requests to one frontend and
 * prints which server answered each (or why none did), as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';

/** One run of requests. */
export interface ClientSpec {
  readonly host: string;
  readonly port: number;
  readonly mode: 'http' | 'tcp';
  readonly count: number;
  /** Send back the cookies the answers set (a browser's persistence). */
  readonly sticky: boolean;
}

function httpOnce(
  spec: ClientSpec,
  cookie: string | undefined,
): Promise<{ answer: string; cookie?: string }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: spec.host,
        port: spec.port,
        path: '/',
        method: 'GET',
        agent: false,
        timeout: 3000,
        headers: { Connection: 'close', ...(cookie !== undefined ? { Cookie: cookie } : {}) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.map((line) => line.split(';')[0]).join('; ');
          const answer = res.statusCode === 200 ? body.trim() : `HTTP ${res.statusCode ?? '?'}`;
          resolve({ answer, ...(set ? { cookie: set } : {}) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ answer: `error: ${error.message}` }));
    req.end();
  });
}

function tcpOnce(spec: ClientSpec): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const socket = connect({ host: spec.host, port: spec.port, timeout: 3000 });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data.trim() || 'error: closed without an answer'));
    socket.on('timeout', () => socket.destroy(new Error('timed out')));
    socket.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

/** Sends the requests and prints `{"answers": [...]}`. */
export async function runClient(specPath: string): Promise<void> {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as ClientSpec;
  const answers: string[] = [];
  let cookie: string | undefined;
  for (let i = 0; i < spec.count; i++) {
    if (spec.mode === 'tcp') {
      answers.push(await tcpOnce(spec));
      continue;
    }
    const result = await httpOnce(spec, spec.sticky ? cookie : undefined);
    if (result.cookie !== undefined && cookie === undefined) cookie = result.cookie;
    answers.push(result.answer);
  }
  process.stdout.write(`${JSON.stringify({ answers })}\n`);
}
