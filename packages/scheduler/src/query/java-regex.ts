/**
 * matches/not_matches take java.util.regex patterns, matched against the whole value (Pattern.matches).
 * JS RegExp shares most of the syntax; where the two disagree we translate, and where a construct has
 * no faithful JS form we refuse it rather than silently match something else.
 */

// java.util.regex's POSIX classes (US-ASCII), as JS character-class contents.
const POSIX: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

// Java escapes whose JS spelling differs (without the u flag, JS reads an unknown \e as a plain "e").
const ESCAPE_CLASSES: Record<string, string> = {
  h: " \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000",
  v: "\\n\\x0B\\f\\r\\x85\\u2028\\u2029",
};
const SAME_ESCAPES = new Set("dDsSwWbBtnrfuxk0123456789");
const INLINE_FLAGS: Record<string, string> = { i: "i", s: "s", m: "m" };

/** Throws an Error naming the unsupported or malformed construct. */
export function javaPattern(source: string): RegExp {
  let flags = "";
  let i = 0;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (leading) {
    for (const f of leading[1]!) {
      const js = INLINE_FLAGS[f];
      if (!js) throw new Error(`the inline flag '${f}' is not supported`);
      if (!flags.includes(js)) flags += js;
    }
    i = leading[0].length;
  }
  let out = "";
  let inClass = false;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") {
      const [text, next] = escape(source, i, inClass);
      out += text;
      i = next;
      continue;
    }
    if (inClass) {
      if (c === "[") throw new Error("nested character classes are not supported");
      if (c === "&" && source[i + 1] === "&") throw new Error("character class intersections are not supported");
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += "[";
      i++;
      if (source[i] === "^") (out += "^"), i++;
      // Java reads a ']' right after '[' or '[^' as a literal; JS would close an empty class.
      if (source[i] === "]") (out += "\\]"), i++;
      continue;
    }
    if (c === "(" && source[i + 1] === "?") {
      const kind = source[i + 2] ?? "";
      const lookbehind = kind === "<" && (source[i + 3] === "=" || source[i + 3] === "!");
      const named = kind === "<" && /[a-zA-Z]/.test(source[i + 3] ?? "");
      if (kind === ">") throw new Error("atomic groups are not supported");
      if (!(kind === ":" || kind === "=" || kind === "!" || lookbehind || named)) throw new Error("inline flags are only supported at the start of the pattern");
    }
    let quantifier = "*+?".includes(c) ? c : "";
    if (c === "{") {
      const m = /^\{\d+(,\d*)?\}/.exec(source.slice(i));
      if (!m) throw new Error("'{' must start a repetition such as {2} or {1,3}");
      quantifier = m[0];
    }
    if (quantifier) {
      if (source[i + quantifier.length] === "+") throw new Error("possessive quantifiers are not supported");
      out += quantifier;
      i += quantifier.length;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) throw new Error("a character class is not closed with ']'");
  try {
    return new RegExp(`^(?:${out})$`, flags);
  } catch (e) {
    throw new Error((e as Error).message.replace(/^Invalid regular expression: /, ""));
  }
}

/** Translates the escape at `at` (a backslash); returns the JS text and where to continue. */
function escape(source: string, at: number, inClass: boolean): [string, number] {
  const letter = source[at + 1];
  if (letter === undefined) throw new Error("the pattern ends with a lone backslash");
  if (letter === "Q") {
    const end = source.indexOf("\\E", at + 2);
    const literal = source.slice(at + 2, end < 0 ? source.length : end);
    const special = inClass ? /[\\\]^-]/g : /[\\^$.|?*+()[\]{}/]/g;
    return [literal.replace(special, "\\$&"), end < 0 ? source.length : end + 2];
  }
  if (letter === "p" || letter === "P") {
    const m = /^\{(\w+)\}/.exec(source.slice(at + 2));
    const members = m ? POSIX[m[1]!] : undefined;
    if (!m || !members) throw new Error(`only the POSIX classes \\p{${Object.keys(POSIX).join("}, \\p{")}} are supported`);
    if (inClass && letter === "P") throw new Error("\\P{...} is not supported inside a character class");
    const text = inClass ? members : `[${letter === "P" ? "^" : ""}${members}]`;
    return [text, at + 2 + m[0].length];
  }
  const members = ESCAPE_CLASSES[letter.toLowerCase()];
  if (members) {
    if (inClass && letter !== letter.toLowerCase()) throw new Error(`\\${letter} is not supported inside a character class`);
    return [inClass ? members : `[${letter === letter.toLowerCase() ? "" : "^"}${members}]`, at + 2];
  }
  if (!inClass && (letter === "A" || letter === "z")) return [letter === "A" ? "^" : "$", at + 2];
  if (!inClass && letter === "Z") return ["(?=\\n?$)", at + 2];
  if (letter === "e") return ["\\x1B", at + 2];
  if (letter === "a") return ["\\x07", at + 2];
  if (letter === "x" && source[at + 2] === "{") throw new Error("\\x{...} is not supported; use \\uFFFF");
  if (SAME_ESCAPES.has(letter) || !/[a-zA-Z]/.test(letter)) return [`\\${letter}`, at + 2];
  throw new Error(`\\${letter} is not a supported escape`);
}
