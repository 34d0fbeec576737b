import type { SeverityOverride } from './common/issue.js';

/** Settings of one language. */
export interface LanguageSettings {
  /** Target version (`major.minor`). */
  readonly version: string;
  /** Severity per rule code; `off` silences the rule. */
  readonly severities: Readonly<Record<string, SeverityOverride>>;
}

/** Everything the language service can be told by its host. */
export interface ServiceSettings {
  readonly haproxy: LanguageSettings;
  readonly keepalived: LanguageSettings;
}

/** Defaults used when the host says nothing (a minimal LSP client, a bare CLI run). */
export const DEFAULT_SETTINGS: ServiceSettings = {
  haproxy: { version: '3.2', severities: {} },
  keepalived: { version: '2.2', severities: {} },
};

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

function readSeverities(value: unknown): Record<string, SeverityOverride> {
  const result: Record<string, SeverityOverride> = {};
  if (typeof value !== 'object' || value === null) return result;
  for (const [code, severity] of Object.entries(value as Record<string, unknown>)) {
    if (typeof severity === 'string' && SEVERITIES.includes(severity)) {
      result[code] = severity as SeverityOverride;
    }
  }
  return result;
}

function readVersion(value: unknown, fallback: string): string {
  if (typeof value === 'number') return value.toFixed(1);
  return typeof value === 'string' && /^\d+\.\d+(\.\d+)?$/.test(value) ? value : fallback;
}

/**
 * Builds settings from loosely typed input (VS Code configuration, `.halint.json`), ignoring
 * anything malformed instead of failing: `{haproxy: {version, diagnostics}, keepalived: {...},
 * rules: {code: severity}}`. `rules` applies to both languages; a language's own `diagnostics`
 * wins over it.
 */
export function resolveSettings(
  input: unknown,
  base: ServiceSettings = DEFAULT_SETTINGS,
): ServiceSettings {
  if (typeof input !== 'object' || input === null) return base;
  const raw = input as Record<string, unknown>;
  const shared = readSeverities(raw['rules']);
  const language = (key: 'haproxy' | 'keepalived'): LanguageSettings => {
    const section = raw[key];
    const object =
      typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
    return {
      version: readVersion(object['version'], base[key].version),
      severities: {
        ...base[key].severities,
        ...shared,
        ...readSeverities(object['diagnostics']),
        ...readSeverities(object['rules']),
      },
    };
  };
  return { haproxy: language('haproxy'), keepalived: language('keepalived') };
}
