/**
 * Syntax tree of a template. Every node carries `start` and `end` offsets into the template
 * (`end` exclusive), so errors and editors can point at the text a node came from.
 */

/** A whole property value: literal text mixed with `${...}` expressions and `#{...}` references. */
export interface TemplateNode {
  readonly kind: 'template';
  readonly start: number;
  readonly end: number;
  readonly parts: readonly TemplatePart[];
}

/** One piece of a template, in order. */
export type TemplatePart = LiteralNode | ParameterRefNode | ExpressionNode;

/** Literal text, with `$$`/`##` escapes already resolved. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `#{name}`: a parameter of the flow's parameter context. */
export interface ParameterRefNode {
  readonly kind: 'parameter';
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** `${subject:fn(args):fn2()}`: a subject followed by a chain of function calls. */
export interface ExpressionNode {
  readonly kind: 'expression';
  readonly start: number;
  readonly end: number;
  readonly subject: SubjectNode;
  readonly calls: readonly FunctionCallNode[];
}

/** What an expression starts from. */
export type SubjectNode = AttributeRefNode | SubjectlessCallNode | ParameterRefNode;

/** A flowfile attribute: a bare name (`filename`, `mime.type`) or a quoted one (`'my attr'`). */
export interface AttributeRefNode {
  readonly kind: 'attribute';
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly quoted: boolean;
}

/** A function that needs no subject, such as `now()` or `literal('x')`. */
export interface SubjectlessCallNode {
  readonly kind: 'subjectless-call';
  readonly start: number;
  readonly end: number;
  readonly fn: string;
  readonly args: readonly ArgumentNode[];
}

/** `:fn(args)` applied to the value before it; `start` is the offset of the function name. */
export interface FunctionCallNode {
  readonly kind: 'call';
  readonly start: number;
  readonly end: number;
  readonly fn: string;
  readonly args: readonly ArgumentNode[];
}

/** An argument of a function call. */
export type ArgumentNode =
  StringLiteralNode | NumberLiteralNode | BooleanLiteralNode | ExpressionNode | ParameterRefNode;

/** `'text'` or `"text"`, with escapes resolved. */
export interface StringLiteralNode {
  readonly kind: 'string';
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** A number literal: whole numbers are `bigint` (NiFi's Long), decimals `number` (Double). */
export interface NumberLiteralNode {
  readonly kind: 'number';
  readonly start: number;
  readonly end: number;
  readonly value: bigint | number;
}

/** `true` or `false`. */
export interface BooleanLiteralNode {
  readonly kind: 'boolean';
  readonly start: number;
  readonly end: number;
  readonly value: boolean;
}
