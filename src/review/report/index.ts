// Public API of the review report: one self-contained document (HTML or Markdown) per review.
export { renderHtmlReport } from './html.ts';
export { renderMarkdownReport } from './markdown.ts';
export { renderDiagramSvg, type DiagramOptions } from './diagram.ts';
export { reportContent, svgDataUri, type ReportContent, type ReportInput } from './content.ts';
export { escapeHtml, escapeMarkdown, markdownCodeBlock } from './escape.ts';
