import type { Rule } from '../../common/rule.js';
import { majorMinor } from '../catalog/index.js';
import { CONVERTER_ARGS_2_6, FETCH_ARGS_2_6 } from '../catalog/sample-args.js';
import type { HaproxyRuleContext } from './context.js';
import { converterSpec, fetchSpec, sectionSamples } from './sample-helpers.js';
import type { SamplePart } from './sample-helpers.js';

/** Argument types of one fetch or converter and how many of them are mandatory. */
interface Shape {
  readonly types: readonly string[];
  readonly mandatory: number;
}

/** `integer,string[,integer]` → three types, two mandatory. */
function shapeOf(signature: string): Shape {
  const bracket = signature.indexOf('[');
  const head = bracket < 0 ? signature : signature.slice(0, bracket);
  const types = signature
    .replace(/[[\]]/g, '')
    .split(',')
    .filter((t) => t !== '');
  const mandatory = head.split(',').filter((t) => t !== '').length;
  return { types, mandatory };
}

/**
 * The shape of each name in `signatures`, read from its signature the first time a file calls it:
 * a start-up does not pay for the hundreds of fetches and converters a configuration never uses.
 */
function shapesOf(
  signatures: Readonly<Record<string, string>>,
): (name: string) => Shape | undefined {
  const shapes = new Map<string, Shape>();
  return (name) => {
    let shape = shapes.get(name);
    const signature = Object.hasOwn(signatures, name) ? signatures[name] : undefined;
    if (shape === undefined && signature !== undefined) {
      shape = shapeOf(signature);
      shapes.set(name, shape);
    }
    return shape;
  };
}

const fetchShape = shapesOf(FETCH_ARGS_2_6);
const converterShape = shapesOf(CONVERTER_ARGS_2_6);

/** Values the `json` converter's check function accepts (an empty argument picks the default). */
const JSON_CODES = new Set(['', 'ascii', 'utf8', 'utf8s', 'utf8p', 'utf8ps']);

/** Why one non-empty argument cannot be parsed as `type`, or undefined when it can. */
function typeProblem(type: string, value: string): string | undefined {
  switch (type) {
    case 'integer':
      return /^[+-]?\d+$/.test(value) ? undefined : `'${value}' is not an integer`;
    case 'IPv4 mask': {
      if (/^\d+$/.test(value)) {
        return Number(value) <= 32 ? undefined : `'${value}' is not an IPv4 mask (0 to 32)`;
      }
      const dotted = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
      return dotted && dotted.slice(1).every((p) => Number(p) <= 255)
        ? undefined
        : `'${value}' is not an IPv4 mask`;
    }
    case 'IPv6 mask':
      // A prefix length or a mask written as an IPv6 address (`ffff:ffff::`).
      if (value.includes(':')) return undefined;
      return /^\d+$/.test(value) && Number(value) <= 128
        ? undefined
        : `'${value}' is not an IPv6 mask (0 to 128)`;
    default:
      return undefined;
  }
}

/** Types HAProxy cannot fill from an empty mandatory argument ("expected type …, but got nothing"). */
const NEEDS_VALUE = new Set(['integer', 'IPv4 mask', 'IPv6 mask', 'server']);

interface Problem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The problems of one fetch or converter call against its 2.6 shape. Without parentheses HAProxy
 * parses one empty argument, which only string-like types accept.
 */
function checkCall(
  what: string,
  part: SamplePart,
  shape: Shape,
  inDefaults: boolean,
): Problem | undefined {
  const args = part.args;
  if (args && /[()"'\\]/.test(args.text)) return undefined;
  const values = args === undefined || args.text === '' ? [''] : args.text.split(',');
  const nameSpan = { start: part.start, end: part.end };
  const span = args ? { start: args.start, end: args.start + args.text.length } : nameSpan;
  if (values.length > Math.max(shape.types.length, 1) || (shape.types.length === 0 && values[0])) {
    return {
      message: `${what} '${part.name}' takes ${shape.types.length === 0 ? 'no argument' : `at most ${shape.types.length} argument(s)`} in HAProxy 2.6.`,
      ...span,
    };
  }
  if (values.length < shape.mandatory) {
    return {
      message: `${what} '${part.name}' needs at least ${shape.mandatory} arguments (${shape.types.join(', ')}), got ${values.length}.`,
      ...span,
    };
  }
  let offset = args?.start ?? part.end;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    const type = shape.types[i] ?? '';
    const at = { start: offset, end: offset + value.length };
    offset += value.length + 1;
    if (value === '') {
      if (i < shape.mandatory && NEEDS_VALUE.has(type)) {
        return {
          message: `${what} '${part.name}' needs a value of type '${type}' as argument ${i + 1}.`,
          ...(args ? at : nameSpan),
        };
      }
      continue;
    }
    if (type === 'server' && inDefaults && !value.includes('/')) {
      return {
        message: `${what} '${part.name}' in a defaults section must name the backend too ('<backend>/${value}').`,
        ...at,
      };
    }
    const problem = typeProblem(type, value);
    if (problem !== undefined) {
      return { message: `${what} '${part.name}', argument ${i + 1}: ${problem}.`, ...at };
    }
  }
  return undefined;
}

/**
 * The arguments of a sample fetch or converter do not fit what HAProxy expects: too many or too
 * few, an integer or mask that does not parse (`field(x,:)`, `ipmask(40)`), a `json` input code
 * it does not know, or a server named without its backend in a `defaults` section. HAProxy
 * refuses the line, so this is an error. At target 2.6 the shapes come from the 2.6.12 binary's
 * own keyword dump; at other versions only calls with more arguments than the newest signature
 * allows are reported, since older versions never took more.
 */
export const invalidSampleArgument: Rule<HaproxyRuleContext> = {
  code: 'invalid-sample-argument',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A sample fetch or converter gets arguments HAProxy cannot parse.',
  check(context, report) {
    const exact = majorMinor(context.settings.version) === '2.6';
    for (const { section, sample } of sectionSamples(context)) {
      const inDefaults = section.kind === 'defaults';
      const calls: { what: string; part: SamplePart; shape: Shape | undefined }[] = [
        { what: 'Sample fetch', part: sample.fetch, shape: fetchShape(sample.fetch.name) },
        ...sample.converters.map((part) => ({
          what: 'Converter',
          part,
          shape: converterShape(part.name),
        })),
      ];
      for (const { what, part, shape } of calls) {
        if (exact) {
          if (!shape) continue;
          const problem = checkCall(what, part, shape, inDefaults);
          if (problem) report(problem);
          if (what === 'Converter' && part.name === 'json' && part.args) {
            const value = part.args.text;
            if (!JSON_CODES.has(value) && !/[(),"'\\]/.test(value)) {
              report({
                message: `Converter 'json' does not know the input code '${value}': use ascii, utf8, utf8s, utf8p or utf8ps.`,
                start: part.args.start,
                end: part.args.start + value.length,
              });
            }
          }
          continue;
        }
        const spec = what === 'Converter' ? converterSpec(part.name) : fetchSpec(part.name);
        const args = part.args;
        if (!spec || !args || args.text === '' || /[()"'\\]/.test(args.text)) continue;
        const count = args.text.split(',').length;
        if (spec.maxArgs < 64 && count > spec.maxArgs) {
          report({
            message: `${what} '${part.name}' takes at most ${spec.maxArgs} argument(s).`,
            start: args.start,
            end: args.start + args.text.length,
          });
        }
      }
    }
  },
};
