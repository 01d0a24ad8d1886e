// Files dropped on the window. Tauri's own drag-and-drop is off (dragDropEnabled: false), so the
// page sees the ordinary HTML5 events: show the overlay while a file is over the window, and
// analyse the first file dropped.
import { openDropped, setDragging } from './review-actions';

function hasFiles(ev: DragEvent): boolean {
  return !!ev.dataTransfer && Array.from(ev.dataTransfer.types).includes('Files');
}

export function installDrop(): void {
  let depth = 0; // dragenter/dragleave fire for every child crossed
  window.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth++;
    setDragging(true);
  });
  window.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault(); // allows the drop
    if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', (ev) => {
    if (!hasFiles(ev)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  });
  window.addEventListener('drop', (ev) => {
    ev.preventDefault(); // never let the webview navigate to the file
    depth = 0;
    setDragging(false);
    const file = ev.dataTransfer?.files[0];
    if (file) void openDropped(file);
  });
}
