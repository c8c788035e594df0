import { execFileSync } from 'node:child_process';

/**
 * The text of a PDF, extracted with pdf-parse in a plain Node process (pdf.js loads its worker by a
 * dynamic import, which Jest's module sandbox refuses). Whitespace runs collapsed to one space.
 */
export function pdfText(pdf: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const { text } = await parser.getText();
      await parser.destroy();
      process.stdout.write(text);
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: pdf, encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, ' ');
}
