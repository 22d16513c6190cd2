import { Lexer, type Token, type Tokens } from 'marked';
import { lookupTable } from '../../lookupTable';

/** What a piece of Markdown says, once its syntax is taken away. */
export interface PlainText {
  /** The words, with code spans and link labels kept as written. */
  text: string;
  /** Link targets in order, e.g. a table cell `[Grafana](https://…)`. */
  links: string[];
  /** The text of each code span, e.g. `localhost` or `tests-passing`. */
  code: string[];
  /** The Markdown as written, where its syntax is data (a cron line, whose stars are not emphasis). */
  raw?: string;
}

const ENTITIES: Record<string, string> = lookupTable({
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
});

/** marked escapes HTML in code spans and text; the importer wants what the author typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, entity => ENTITIES[entity]);
}

/**
 * Inline Markdown is lexed only where the importer reads it (a cell, an item,
 * a heading), not in the prose and the chapters it keeps verbatim: the block
 * pass leaves each inline array empty, and this fills it on first read.
 */
let lexInline: (tokens: Token[]) => Token[] = tokens => tokens;

/** Lexes a document's blocks; inline tokens follow on demand while `read` runs. */
export function lexLazily<T>(text: string, read: (tokens: Token[]) => T): T {
  const lexer = new Lexer({ gfm: true });
  const blocks = lexer.blockTokens(text, []);
  // marked queues each inline job as { src, tokens }: the array to fill and its
  // text. The queue is marked's own (not its typed API): should a release
  // change it, everything is lexed at once, as Lexer.lex does.
  const queue: unknown = (lexer as any).inlineQueue;
  if (!Array.isArray(queue)) return read(Lexer.lex(text, { gfm: true }));
  const pending = new Map<Token[], string>();
  for (const job of queue as { src: string; tokens: Token[] }[])
    pending.set(job.tokens, job.src);
  const previous = lexInline;
  lexInline = tokens => {
    const src = pending.get(tokens);
    if (src !== undefined) {
      pending.delete(tokens);
      lexer.inlineTokens(src, tokens);
    }
    return tokens;
  };
  try {
    return read(blocks);
  } finally {
    lexInline = previous;
  }
}

/**
 * Text with nothing inline Markdown would change (no escapes, code, emphasis,
 * links, images, strike-through, entities, HTML or autolinks): most table
 * cells and headings. Read as it is, without lexing.
 */
const PLAIN = /^[^\\`*_[\]!~&<>@:]*$/;

/** A cell's or a heading's text: the source itself when it is plain, else its inline tokens read. */
export function sourceText(source: string, tokens: Token[]): PlainText {
  if (PLAIN.test(source))
    return { text: source.replace(/\s+/g, ' ').trim(), links: [], code: [] };
  return plainText(tokens);
}

/** Reads inline tokens (a table cell, a list item, a heading) as plain text. */
export function plainText(tokens: Token[] | undefined): PlainText {
  const out: PlainText = { text: '', links: [], code: [] };
  const walk = (list: Token[]) => {
    for (const token of lexInline(list)) {
      switch (token.type) {
        case 'codespan':
          out.code.push(decodeEntities(token.text));
          out.text += decodeEntities(token.text);
          break;
        case 'link':
          out.links.push((token as Tokens.Link).href);
          walk((token as Tokens.Link).tokens);
          break;
        case 'image':
          break;
        case 'br':
          out.text += ' ';
          break;
        case 'html':
          // Inline HTML is markup, not a value.
          break;
        default:
          if ('tokens' in token && Array.isArray(token.tokens))
            walk(token.tokens);
          else if ('text' in token && typeof token.text === 'string')
            out.text += decodeEntities(token.text);
      }
    }
  };
  walk(tokens ?? []);
  out.text = out.text.replace(/\s+/g, ' ').trim();
  return out;
}

/** A list item's own words (its nested lists are not part of them). */
export function itemText(item: Tokens.ListItem): PlainText {
  const inline: Token[] = [];
  for (const token of item.tokens) {
    if (token.type === 'list') continue;
    if (token.type === 'checkbox') continue;
    if ('tokens' in token && Array.isArray(token.tokens))
      inline.push(...lexInline(token.tokens));
    else inline.push(token);
  }
  return plainText(inline);
}

/** Line numbers (1-based) for offsets into the document. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++)
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}
