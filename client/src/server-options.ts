/**
 * Builders for the language client's options. They only import types from
 * `vscode-languageclient`, so they load without the editor and can be unit tested.
 */
import type {
  DocumentSelector,
  LanguageClientOptions,
  NodeModule,
  TransportKind,
} from 'vscode-languageclient/node.js';
import { CONFIG_LANGUAGE_IDS, CONFIGURATION_SECTIONS } from './ids.js';

/**
 * `TransportKind.ipc`. The enum lives in a module that imports `vscode` at load time, so its value
 * is restated here; `satisfies` makes the compiler reject it if the library ever renumbers.
 */
export const IPC_TRANSPORT = 1 satisfies TransportKind.ipc;

/** Port the server's inspector listens on when the extension runs in debug mode. */
export const DEBUG_INSPECT_PORT = 6009;

/**
 * V8 flags the server runs with. `--max-semi-space-size=4` caps each half of V8's young
 * generation at 4 MB instead of letting it grow to 16 MB: the server's work is a long-lived syntax
 * tree plus short-lived garbage per edit, and a larger nursery holds 24 MB more resident memory
 * without making edits faster (measured on the 75k-line benchmark file: resident memory after
 * opening 265 → 239 MB, edit CPU unchanged). The size cannot be changed once V8 has started, so it
 * is given on the command line; `npm run bench` starts the server with these same flags.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * Environment the server runs with, over the editor's own; glibc reads both, other C libraries
 * ignore them.
 * - `MALLOC_ARENA_MAX=2` keeps glibc from giving each of V8's helper threads its own malloc
 *   arena, memory it keeps once freed: 7 MB less resident after opening the 75k-line benchmark
 *   file, no slower.
 * - `MALLOC_MMAP_THRESHOLD_=131072` keeps every block of 128 KB or more in its own mapping,
 *   given back to the system when freed. Without it glibc raises the threshold to the size of the
 *   largest block freed so far, and the next blocks of that size (the buffers of a 5 MB semantic
 *   tokens answer, say) come from its heap, which it rarely gives back: on the 75k-line file, 60
 *   to 130 MB more resident after a few semantic tokens and formatting requests, and 40 to 60 MB
 *   more after the edits that followed (measured).
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** Bundled server, relative to the extension root. */
export const SERVER_MODULE = 'dist/server.cjs';

/** Run and debug options of the server process: the same module over IPC, debug adds an inspector. */
export interface ServerModuleOptions {
  readonly run: NodeModule;
  readonly debug: NodeModule;
}

/**
 * Options for starting the bundled server at the absolute path `serverModule` over Node IPC, in
 * the editor's environment `environment` with {@link SERVER_ENVIRONMENT} added.
 */
export function buildServerOptions(
  serverModule: string,
  environment: NodeJS.ProcessEnv = process.env,
): ServerModuleOptions {
  const env = { ...environment, ...SERVER_ENVIRONMENT };
  return {
    run: {
      module: serverModule,
      transport: IPC_TRANSPORT,
      options: { execArgv: [...SERVER_NODE_FLAGS], env },
    },
    debug: {
      module: serverModule,
      transport: IPC_TRANSPORT,
      // --nolazy makes breakpoints in not-yet-run functions bind at start-up.
      options: {
        execArgv: [...SERVER_NODE_FLAGS, '--nolazy', `--inspect=${DEBUG_INSPECT_PORT}`],
        env,
      },
    },
  };
}

/**
 * Saved files and untitled buffers of both languages. Other schemes (git history, remote
 * previews) are left alone: the server resolves includes relative to real files.
 */
export function buildDocumentSelector(): DocumentSelector {
  return CONFIG_LANGUAGE_IDS.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

/** The editor's output channel type, named through the client library to avoid importing `vscode`. */
export type OutputChannel = NonNullable<LanguageClientOptions['outputChannel']>;

/** Client options; `outputChannel` receives both the client's log and the server's messages. */
export function buildClientOptions(
  outputChannel: OutputChannel,
  workspaceTrusted = true,
): LanguageClientOptions {
  return {
    documentSelector: buildDocumentSelector(),
    synchronize: { configurationSection: [...CONFIGURATION_SECTIONS] },
    // VS Code gives a file our language ids by the same name patterns the server knows, so an id
    // that disagrees with the name is the user's choice ("Set Language", "Change Language
    // Mode"): the server is told to keep it rather than go by the file name.
    // The daemons' checks run programs: the server runs none in a workspace not yet trusted
    // (it is told when the workspace becomes trusted).
    initializationOptions: { explicitLanguageIds: true, workspaceTrusted },
    outputChannel,
  };
}
