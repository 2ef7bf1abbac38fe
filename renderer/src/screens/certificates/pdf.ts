// pdf.js under the strict CSP: loaded on demand, its worker from a same-origin file (no
// blob or eval), and `isEvalSupported: false`.
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loading;
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function openPdf(bytes: Uint8Array<ArrayBuffer>): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, disableAutoFetch: true }).promise;
}

/** Renders page 1 into the canvas at the container's width and lays the selectable text over it. */
export async function renderFirstPage(doc: PDFDocumentProxy, canvas: HTMLCanvasElement, textLayer: HTMLDivElement, width: number): Promise<() => void> {
  const pdfjs = await loadPdfJs();
  const page = await doc.getPage(1);
  const scale = width / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const render = page.render({ canvas, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) });
  textLayer.replaceChildren();
  textLayer.style.setProperty('--total-scale-factor', String(scale));
  const text = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport });
  await Promise.all([render.promise, text.render()]);
  return () => {
    render.cancel();
    text.cancel();
  };
}
