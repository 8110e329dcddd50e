/**
 * The pages an `llms.txt` docs index links (https://llmstxt.org): markdown links, resolved against
 * the index's own URL, deduplicated, in the order the index lists them.
 */
export function indexLinks(text: string, indexUrl: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const href = match[1];
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href, indexUrl);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "file:") continue;
    url.hash = "";
    if (!links.includes(url.href)) links.push(url.href);
  }
  return links;
}

/** Whether a page is API reference: its URL path contains one of the configured path fragments. */
export function isApiReference(pageUrl: string, apiReferencePaths: readonly string[]): boolean {
  const path = new URL(pageUrl).pathname;
  return apiReferencePaths.some((fragment) => path.includes(fragment));
}
