// Text from a config file (model names, target entries, paths, problem messages quoting them) put
// into hover Markdown: escaped so it shows as the characters it is, never as a link, an image (a
// remote image is a request to a server the file chose), HTML, emphasis or a theme icon.

/**
 * The ASCII punctuation that can open or close a Markdown construct (CommonMark 0.31 §2.4 allows a
 * backslash before any of them): links and images `[]()!`, HTML and autolinks `<>`, emphasis `*_~`,
 * code `\``, headings `#`, tables `|`, entities `&`, theme icons `$`, and `:`/`.` so that a bare
 * `https://…` or `www.…` is not linkified (GFM extended autolinks).
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]()!<>#|~&$:.]/g;

/** Text shown literally in Markdown; newlines become spaces (one hover line per item). */
export function escapeMarkdownText(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(MARKDOWN_SPECIAL, '\\$&');
}

/**
 * A code span holding `text` exactly: the fence is one backtick longer than the longest backtick run
 * inside (CommonMark 6.1), with spaces around when the text starts or ends with a backtick.
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A CodeLens title or status text holding file text: `$(name)` would render a theme icon. */
export function escapeThemeIcons(text: string): string {
  return text.replace(/\$\(/g, '$\\(');
}
