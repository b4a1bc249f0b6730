/** Markdown to plain text: keeps the words, drops the markup; front matter supplies title and date. */

export interface MarkdownDocument {
  text: string;
  title: string | null;
  publishedAt: string | null;
}

export function markdownToText(md: string): MarkdownDocument {
  let body = md;
  let title: string | null = null;
  let publishedAt: string | null = null;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    body = body.slice(front[0].length);
    for (const line of front[1]!.split('\n')) {
      const kv = /^(\w+):\s*["']?(.*?)["']?\s*$/.exec(line);
      if (!kv) continue;
      if (kv[1] === 'title') title = kv[2] || null;
      if (kv[1] === 'date' || kv[1] === 'published' || kv[1] === 'publishedAt')
        publishedAt = kv[2] || null;
    }
  }
  const text = body
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+(.*?)\s*#*$/gm, (_, h: string) => {
      title ??= h;
      return h;
    })
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*(?:-{3,}|\*{3,})\s*$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title, publishedAt };
}
