/**
 * The lab's command line, for every program that carries it: `halint lab …`, and the language
 * server bundle, which the editor's "Run failover drill" runs in a terminal (the extension ships
 * the server, not halint). The lab also runs its own program again inside its namespaces, as the
 * backend servers (`__lab-responder`) and as the client (`__lab-client`).
 */

/** What the lab's command line printed and how it ended. */
interface Outcome {
  readonly stdout: string;
  readonly stderr: readonly string[];
  readonly exitCode: number;
}

/** The first arguments that belong to the lab. */
const LAB_WORDS = new Set(['lab', '__lab-responder', '__lab-client']);

/**
 * Runs the lab when `argv` (without node and the script) asks for it, and says whether it did.
 * `name` prefixes internal errors (`halint`, `ha-language-server`).
 */
export function runLabCommand(argv: readonly string[], name: string): boolean {
  const [word, ...rest] = argv;
  if (word === undefined || !LAB_WORDS.has(word)) return false;
  const internalError = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: internal error: ${message}\n`);
    process.exitCode = 2;
  };
  const finish = (result: Outcome): void => {
    for (const line of result.stderr) process.stderr.write(`${line}\n`);
    process.stdout.write(result.stdout);
    process.exitCode = result.exitCode;
  };
  // Loaded only here: the lab starts processes and namespaces, which checks never do.
  if (word === '__lab-responder') {
    import('./responder.js')
      .then(({ runResponder }) => runResponder(rest[0] ?? ''))
      .catch(internalError);
  } else if (word === '__lab-client') {
    import('./client.js').then(({ runClient }) => runClient(rest[0] ?? '')).catch(internalError);
  } else {
    import('./lab.js').then(({ runLab }) => runLab(rest)).then(finish, internalError);
  }
  return true;
}
