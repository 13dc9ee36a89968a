import { copyAttributes, type FlowFile } from '@sluice/engine';
import {
  compileJavaRegex,
  parse,
  quoteRegex,
  RegexSyntaxError,
  type CompiledRegex,
} from '@sluice/expression-language';
import {
  compileReplacement,
  replaceAll,
  type EvaluatePiece,
  type MatchGroups,
  type ReplacementPiece,
} from './replacement.js';
import { substituteVariables } from './substitute-variables.js';
import {
  hasExpressions,
  resolveParameters,
  splitTemplate,
  type TemplatePart,
} from './template-parts.js';

/** NiFi's Replacement Strategy values. */
export const REPLACEMENT_STRATEGIES = [
  'Prepend',
  'Append',
  'Surround',
  'Regex Replace',
  'Literal Replace',
  'Always Replace',
  'Substitute Variables',
] as const;

/** One of NiFi's Replacement Strategy values. */
export type ReplacementStrategy = (typeof REPLACEMENT_STRATEGIES)[number];

const STREAMING_STRATEGIES: ReadonlySet<ReplacementStrategy> = new Set([
  'Prepend',
  'Append',
  'Surround',
  'Always Replace',
]);

/** A flowfile ReplaceText cannot update; it goes to `failure` with this message. */
export class ReplaceTextFailure extends Error {
  override readonly name = 'ReplaceTextFailure';
}

/** Evaluates a template against a flowfile, or with none for parameters (the processor's `ctx.evaluate`). */
export type Evaluate = (template: string, flowFile?: FlowFile) => string;

/** What ReplaceText's configuration needs, read once per start. */
export interface ReplaceTextConfig {
  readonly strategy: ReplacementStrategy;
  readonly searchValue: string;
  readonly replacementValue: string;
  readonly prependText: string;
  readonly appendText: string;
}

/** How to change one text (the whole content, or one line), prepared for one flowfile. */
export type TextChange = (text: string) => string | undefined;

/**
 * Search Values that match any text exactly once, as a whole, with the text as group 1: NiFi's
 * default `(?s)(^.*$)` and its common spelling. With DOTALL, `.*` takes everything, so Java's `$`
 * matches at the very end; the next find starts there, where `^` (no MULTILINE) cannot match.
 */
const WHOLE_TEXT_SEARCHES: ReadonlySet<string> = new Set(['(?s)(^.*$)', '(?s)^(.*)$']);

/**
 * The replacement of a whole-text Search Value, in pieces: literal text, the text itself
 * (`$0` or `$1`), or an expression that does not read a group (evaluated once per flowfile).
 */
export type WholeTextPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'content' }
  | { readonly kind: 'expression'; readonly source: string };

/**
 * ReplaceText's configuration compiled once per start: templates split, and the regex and the
 * replacement compiled when they hold no expressions, so the per-flowfile work is matching only.
 */
export class ReplaceTextPlan {
  readonly strategy: ReplacementStrategy;
  /** True when the strategy never needs the content in memory (NiFi's isAllDataBufferedForEntireText). */
  readonly streamsEntireText: boolean;
  readonly #evaluate: Evaluate;
  readonly #config: ReplaceTextConfig;
  readonly #searchParts: readonly TemplatePart[];
  readonly #replacementParts: readonly TemplatePart[];
  readonly #staticRegex: CompiledRegex | undefined;
  readonly #piecesByGroupCount = new Map<number, ReplacementPiece[]>();
  readonly #regexCache = new Map<string, CompiledRegex>();
  /** Per expression source: the attribute it reads and nothing else, or null. */
  readonly #attributeOf = new Map<string, string | null>();
  /**
   * Set when the Search Value matches every text as a whole, once (see WHOLE_TEXT_SEARCHES), and
   * no expression in the Replacement Value reads a group: the result is then these pieces around
   * the unchanged text, so the text never needs to be decoded, matched or re-encoded.
   */
  readonly wholeText: readonly WholeTextPiece[] | undefined;

  constructor(config: ReplaceTextConfig, evaluate: Evaluate) {
    // NiFi: a Regex Replace searching for `.*` replaces everything without evaluating the regex.
    this.strategy =
      config.strategy === 'Regex Replace' && config.searchValue === '.*'
        ? 'Always Replace'
        : config.strategy;
    this.streamsEntireText = STREAMING_STRATEGIES.has(this.strategy);
    this.#config = config;
    this.#evaluate = evaluate;
    const resolve = (source: string): string => evaluate(source);
    this.#searchParts = resolveParameters(splitTemplate(config.searchValue), resolve);
    this.#replacementParts = resolveParameters(splitTemplate(config.replacementValue), resolve);
    if (this.strategy === 'Regex Replace' && !hasExpressions(this.#searchParts)) {
      const search = literalText(this.#searchParts);
      this.#staticRegex = compileJavaRegex(search, 'g');
      if (WHOLE_TEXT_SEARCHES.has(search)) {
        this.wholeText = wholeTextPieces(this.#pieces(this.#staticRegex.groupCount));
      }
    }
  }

  /**
   * A Replacement Value expression evaluated for the flowfile (failures as ReplaceTextFailure).
   * An expression that only reads an attribute the flowfile has (`${filename}`) is read directly.
   */
  evaluateReplacement(source: string, flowFile: FlowFile): string {
    let name = this.#attributeOf.get(source);
    if (name === undefined) {
      name = plainAttribute(source);
      this.#attributeOf.set(source, name);
    }
    if (name !== null && Object.hasOwn(flowFile.attributes, name))
      return flowFile.attributes[name]!;
    return this.#value('Replacement Value', source, flowFile);
  }

  /** Text to insert before the content or each line (Prepend, Surround), evaluated for the flowfile. */
  prefix(flowFile: FlowFile): string {
    if (this.strategy === 'Prepend')
      return this.#value('Replacement Value', this.#config.replacementValue, flowFile);
    if (this.strategy === 'Surround')
      return this.#value('Text to Prepend', this.#config.prependText, flowFile);
    return '';
  }

  /** Text to insert after the content or each line (Append, Surround), evaluated for the flowfile. */
  suffix(flowFile: FlowFile): string {
    if (this.strategy === 'Append')
      return this.#value('Replacement Value', this.#config.replacementValue, flowFile);
    if (this.strategy === 'Surround')
      return this.#value('Text to Append', this.#config.appendText, flowFile);
    return '';
  }

  /** The Replacement Value evaluated for the flowfile, as Always Replace writes it. */
  replacement(flowFile: FlowFile): string {
    return this.#value('Replacement Value', this.#config.replacementValue, flowFile);
  }

  /**
   * The change this strategy makes to a text of the flowfile; undefined from the change means
   * the text stays as it was. Expressions are evaluated here, once per flowfile, except those
   * reading capturing groups, which are evaluated per match.
   */
  changeFor(flowFile: FlowFile): TextChange {
    switch (this.strategy) {
      case 'Prepend':
      case 'Append':
      case 'Surround': {
        const prefix = this.prefix(flowFile);
        const suffix = this.suffix(flowFile);
        return (text) => prefix + text + suffix;
      }
      case 'Always Replace': {
        const replacement = this.replacement(flowFile);
        return () => replacement;
      }
      case 'Literal Replace': {
        const search = this.#value('Search Value', this.#config.searchValue, flowFile);
        if (search === '')
          throw new ReplaceTextFailure(`'Search Value' evaluated to an empty string`);
        const replacement = this.replacement(flowFile);
        return (text) => {
          const pieces = text.split(search);
          return pieces.length === 1 ? undefined : pieces.join(replacement);
        };
      }
      case 'Substitute Variables':
        return (text) => substituteVariables(text, flowFile.attributes);
      case 'Regex Replace':
        return this.#regexChange(flowFile);
      default: {
        const exhaustive: never = this.strategy;
        throw new Error(`Unknown replacement strategy ${String(exhaustive)}`);
      }
    }
  }

  #regexChange(flowFile: FlowFile): TextChange {
    const { regex, groupCount } = this.#staticRegex ?? this.#dynamicRegex(flowFile);
    const pieces = this.#pieces(groupCount);
    const once = new Map<string, string>();
    const evaluate: EvaluatePiece = (source, groups) => {
      if (groups === undefined) {
        let value = once.get(source);
        if (value === undefined) {
          value = this.#value('Replacement Value', source, flowFile);
          once.set(source, value);
        }
        return value;
      }
      return this.#value('Replacement Value', source, withGroups(flowFile, groups));
    };
    return (text) => {
      try {
        return replaceAll(text, regex, groupCount, pieces, evaluate);
      } catch (error) {
        // V8 gives up on some patterns (a huge repeat of a group that can match nothing) with a
        // RangeError: that flowfile cannot be changed by this pattern, so it goes to failure.
        if (!(error instanceof RangeError)) throw error;
        throw new ReplaceTextFailure(
          `'Search Value' /${regex.source}/ could not be matched against the text: ${error.message}`,
          { cause: error },
        );
      }
    };
  }

  /**
   * A Search Value with expressions, evaluated for the flowfile. As in NiFi, the values of the
   * expressions are quoted, so an attribute holding `a.b` matches the text `a.b`, not `axb`.
   */
  #dynamicRegex(flowFile: FlowFile): CompiledRegex {
    let source = '';
    for (const part of this.#searchParts) {
      source +=
        part.kind === 'literal'
          ? part.text
          : quoteRegex(this.#value('Search Value', part.source, flowFile));
    }
    let compiled = this.#regexCache.get(source);
    if (!compiled) {
      try {
        compiled = compileJavaRegex(source, 'g');
      } catch (error) {
        if (error instanceof RegexSyntaxError)
          throw new ReplaceTextFailure(`'Search Value' ${error.message}`);
        throw error;
      }
      // A bounded cache: values usually repeat, but an attribute like uuid would grow it forever.
      if (this.#regexCache.size >= 256) this.#regexCache.clear();
      this.#regexCache.set(source, compiled);
    }
    return compiled;
  }

  #pieces(groupCount: number): ReplacementPiece[] {
    let pieces = this.#piecesByGroupCount.get(groupCount);
    if (!pieces) {
      pieces = compileReplacement(this.#replacementParts, groupCount);
      this.#piecesByGroupCount.set(groupCount, pieces);
    }
    return pieces;
  }

  /** Evaluates a template, turning an expression error into a failure naming the property. */
  #value(property: string, template: string, flowFile: FlowFile): string {
    if (!template.includes('{')) return template;
    try {
      return this.#evaluate(template, flowFile);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ReplaceTextFailure(`could not evaluate '${property}': ${reason}`, { cause: error });
    }
  }
}

/**
 * The attribute an expression only reads (`${filename}`, `${"a b"}`: no function call), or null.
 * Its value is then what the expression language would give for an attribute the flowfile has.
 */
function plainAttribute(source: string): string | null {
  try {
    const { parts } = parse(source);
    const [part] = parts;
    if (parts.length !== 1 || part?.kind !== 'expression') return null;
    if (part.start !== 0 || part.end !== source.length) return null;
    return part.subject.kind === 'attribute' && part.calls.length === 0 ? part.subject.name : null;
  } catch {
    return null;
  }
}

/** The pieces of a whole-text replacement; undefined if an expression reads a group. */
function wholeTextPieces(pieces: readonly ReplacementPiece[]): WholeTextPiece[] | undefined {
  const result: WholeTextPiece[] = [];
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        result.push(piece);
        break;
      case 'group':
        // Groups 0 and 1 are both the whole text; the search has no other group.
        result.push({ kind: 'content' });
        break;
      case 'expression':
        if (piece.perMatch) return undefined;
        result.push({ kind: 'expression', source: piece.source });
        break;
      default: {
        const exhaustive: never = piece;
        throw new Error(`Unknown replacement piece ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  return result;
}

/** The text of a template without expressions (escapes and parameters resolved). */
function literalText(parts: readonly TemplatePart[]): string {
  return parts.map((part) => (part.kind === 'literal' ? part.text : part.source)).join('');
}

/** The flowfile as an expression sees it while a match is replaced: groups as `$0`, `$1`... */
function withGroups(flowFile: FlowFile, groups: MatchGroups): FlowFile {
  // A key-by-key copy: keys added to a spread copy make it a slow object (attribute-map.ts).
  const attributes = copyAttributes(flowFile.attributes);
  groups.forEach((group, index) => {
    if (group !== undefined) attributes[`$${index}`] = group;
  });
  return { ...flowFile, attributes };
}
