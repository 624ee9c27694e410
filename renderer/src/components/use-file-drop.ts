import { useCallback, useState, type DragEvent } from 'react';
import { toBase64 } from '../../../shared/pki/bytes.js';

/**
 * Drag-and-drop of files onto an element. The page reads the dropped bytes and hands them to main
 * (which parses them); preventing the default also stops Chromium navigating to the file.
 */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    setOver(true);
  }, []);
  const onDragLeave = useCallback(() => setOver(false), []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      const files = Array.from(e.dataTransfer.files);
      if (files.length > 0) onFiles(files);
    },
    [onFiles],
  );
  return { over, dropProps: { onDragOver, onDragLeave, onDrop } };
}

/** A File's bytes as base64, the form the IPC contract carries binary input in. */
export async function fileToBase64(file: File): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}
