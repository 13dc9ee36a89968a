import { textFunction1, textPredicate1 } from './define.js';
import type { FunctionDef } from './function-def.js';

/** Functions that look for literal text in the subject. */
export const SEARCH_FUNCTIONS: readonly FunctionDef[] = [
  textFunction1(
    {
      name: 'substringBefore',
      signature: 'substringBefore(text)',
      description:
        'The part of the subject before the first occurrence of the argument, or all of it when absent.',
    },
    (text, search) => {
      const index = text.indexOf(search);
      return index === -1 ? text : text.slice(0, index);
    },
  ),
  textFunction1(
    {
      name: 'substringBeforeLast',
      signature: 'substringBeforeLast(text)',
      description:
        'The part of the subject before the last occurrence of the argument, or all of it when absent.',
    },
    (text, search) => {
      const index = text.lastIndexOf(search);
      return index === -1 ? text : text.slice(0, index);
    },
  ),
  textFunction1(
    {
      name: 'substringAfter',
      signature: 'substringAfter(text)',
      description:
        'The part of the subject after the first occurrence of the argument, or all of it when absent.',
    },
    (text, search) => {
      const index = text.indexOf(search);
      return index === -1 ? text : text.slice(index + search.length);
    },
  ),
  textFunction1(
    {
      name: 'substringAfterLast',
      signature: 'substringAfterLast(text)',
      description:
        'The part of the subject after the last occurrence of the argument, or all of it when absent.',
    },
    (text, search) => {
      const index = text.lastIndexOf(search);
      return index === -1 ? text : text.slice(index + search.length);
    },
  ),
  textFunction1(
    {
      name: 'indexOf',
      signature: 'indexOf(text)',
      description:
        'The 0-based index of the first occurrence of the argument in the subject, or -1.',
    },
    (text, search) => BigInt(text.indexOf(search)),
  ),
  textFunction1(
    {
      name: 'lastIndexOf',
      signature: 'lastIndexOf(text)',
      description:
        'The 0-based index of the last occurrence of the argument in the subject, or -1.',
    },
    (text, search) => BigInt(text.lastIndexOf(search)),
  ),
  textPredicate1(
    {
      name: 'contains',
      signature: 'contains(text)',
      description: 'Whether the subject contains the argument.',
    },
    (text, search) => text.includes(search),
  ),
  textPredicate1(
    {
      name: 'startsWith',
      signature: 'startsWith(text)',
      description: 'Whether the subject starts with the argument.',
    },
    (text, prefix) => text.startsWith(prefix),
  ),
  textPredicate1(
    {
      name: 'endsWith',
      signature: 'endsWith(text)',
      description: 'Whether the subject ends with the argument.',
    },
    (text, suffix) => text.endsWith(suffix),
  ),
  textPredicate1(
    {
      name: 'equalsIgnoreCase',
      signature: 'equalsIgnoreCase(text)',
      description: 'Whether the subject equals the argument, ignoring case.',
    },
    (text, other) => text === other || text.toLowerCase() === other.toLowerCase(),
  ),
];
