/**
 * A chart's downloads: the image as PNG (for documents and slides) and SVG (scalable,
 * editable), and the data as CSV. Every chart has them; the files are named after the
 * chart's `exportName`, or its title.
 *
 * The image is made only when asked (chartImage.ts draws it off screen), so a page of
 * charts costs nothing until a button is pressed. Failures are said next to the
 * buttons; nothing throws.
 */
import { useState } from 'react';
import { downloadBlob, downloadText } from '../../export/download';
import { chartImage, type ChartImageInput, type ImageFormat } from './chartImage';

export interface ChartExportProps {
  title: string;
  /** File name without extension. */
  fileName: string;
  /** What the image draws (read when a button is pressed). */
  image: () => ChartImageInput;
  /** The data as CSV (read when the button is pressed). */
  csv: () => string;
}

const LABEL: Record<ImageFormat, string> = { png: 'PNG', svg: 'SVG' };

export function ChartExport({ title, fileName, image, csv }: ChartExportProps) {
  const [busy, setBusy] = useState<ImageFormat | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const downloadImage = async (format: ImageFormat) => {
    setBusy(format);
    setMessage(null);
    try {
      downloadBlob(`${fileName}.${format}`, await chartImage(image(), format));
    } catch (error) {
      const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
      setMessage(
        `The ${LABEL[format]} image could not be made${reason}; the data (CSV) still can.`,
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="chart-export" role="group" aria-label={`Download “${title}”`}>
      {/* The group's name says it to screen readers; this says it on screen. */}
      <span className="chart-export-label" aria-hidden="true">
        Download:
      </span>
      {(['png', 'svg'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          disabled={busy !== null}
          aria-busy={busy === format}
          onClick={() => void downloadImage(format)}
        >
          {busy === format ? `Making ${LABEL[format]}…` : `${LABEL[format]} image`}
        </button>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => downloadText(`${fileName}.csv`, csv(), 'text/csv')}
      >
        Data (CSV)
      </button>
      {message && (
        <p className="chart-export-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
