import path from 'node:path';

/**
 * Compiles NiFi's Rolling Filename Pattern, a glob matched against the names of the files in the
 * tailed file's directory: `*` and `?` wildcards, `[...]` character classes and `{a,b}`
 * alternatives (Java's glob syntax), and `${filename}`, the tailed file's name without its
 * extension. Returns the problem instead when the pattern cannot be compiled.
 */
export function rollingPattern(
  pattern: string,
  tailedFile: string,
): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  const name = path.basename(tailedFile);
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const glob = pattern.replaceAll('${filename}', base);
  let source = '';
  let alternatives = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    switch (c) {
      case '*':
        source += '[^/]*';
        break;
      case '?':
        source += '[^/]';
        break;
      case '[': {
        const close = glob.indexOf(']', i + 2);
        if (close < 0) return { ok: false, reason: `'[' at ${i} is not closed` };
        let set = glob.slice(i + 1, close);
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set.replaceAll('\\', '\\\\')}]`;
        i = close;
        break;
      }
      case '{':
        alternatives++;
        source += '(?:';
        break;
      case '}':
        if (alternatives === 0) return { ok: false, reason: `'}' at ${i} has no '{'` };
        alternatives--;
        source += ')';
        break;
      case ',':
        source += alternatives > 0 ? '|' : ',';
        break;
      case '\\':
        i++;
        source += escape(glob[i] ?? '\\');
        break;
      default:
        source += escape(c);
    }
  }
  if (alternatives > 0) return { ok: false, reason: "'{' is not closed" };
  try {
    return { ok: true, regex: new RegExp(`^${source}$`, 'u') };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
