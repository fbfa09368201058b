/**
 * Reads the tokens of a cluster query. Bare values (t2.*, service:production, 2018-06-18) overlap with
 * every other token class, so tokens are context-dependent: the parser asks for the kind it expects next.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

// Subjects, keywords and word operators: attribute names allow letters, digits, - _ / \ . (and ':' after "attribute").
const WORD = /[A-Za-z0-9_\-./\\:]+/y;
const SPACE = /\s*/y;
// A bare value runs to whitespace or a parenthesis (so "not(x == y)" closes), and in a list also to a
// bracket or comma; && and || end it too, so "a==b&&c==d" reads naturally.
const BARE_VALUE = /(?:[^\s()&|]|&(?!&)|\|(?!\|))+/y;
const BARE_LIST_VALUE = /(?:[^\s()[\],&|]|&(?!&)|\|(?!\|))+/y;

export class Scanner {
  position = 0;
  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    SPACE.lastIndex = this.position;
    SPACE.exec(this.text);
    this.position = SPACE.lastIndex;
  }

  /** The next word, without consuming it. */
  peekWord(): Token | undefined {
    return this.sticky(WORD);
  }

  /** Consumes `symbol` if the text continues with it. */
  takeSymbol(symbol: string): Token | undefined {
    if (!this.text.startsWith(symbol, this.position)) return undefined;
    return this.take({ text: symbol, start: this.position, end: this.position + symbol.length });
  }

  /** A 'single-quoted' or bare value; quoted values keep their spaces. Undefined when none starts here. */
  readValue(inList: boolean): Token | undefined {
    if (this.text[this.position] !== "'") {
      const bare = this.sticky(inList ? BARE_LIST_VALUE : BARE_VALUE);
      return bare && this.take(bare);
    }
    const close = this.text.indexOf("'", this.position + 1);
    if (close < 0) return undefined;
    const token = { text: this.text.slice(this.position + 1, close), start: this.position, end: close + 1 };
    this.position = token.end;
    return token;
  }

  take(token: Token): Token {
    this.position = token.end;
    return token;
  }

  private sticky(pattern: RegExp): Token | undefined {
    pattern.lastIndex = this.position;
    const m = pattern.exec(this.text);
    return m && m[0] ? { text: m[0], start: this.position, end: this.position + m[0].length } : undefined;
  }
}
