// Gathers the files of a batch: several chosen files, a chosen folder (`webkitdirectory`), or a
// drop of files and folders (DataTransferItem.webkitGetAsEntry, walked breadth-first). Files the
// user named one by one are all kept (opening says what is wrong with a .doc or an image); inside
// folders only report files are taken, and the rest is counted as skipped. Bounded: at most
// MAX_FILES files and MAX_DEPTH folder levels, so a dropped home directory cannot hang the page.

export interface PickedFile {
  file: File;
  /** The path shown: "文件夹/子文件夹/报告.txt" for files from folders, else the file name. */
  path: string;
}

export interface Picked {
  files: PickedFile[];
  /** Files inside folders that are not reports (images, spreadsheets, Word's "~$" lock files). */
  skipped: number;
  /** True when MAX_FILES or MAX_DEPTH cut the walk short. */
  truncated: boolean;
}

export const MAX_FILES = 2000;
const MAX_DEPTH = 12;

/** The kinds the page opens as reports (.doc/.wps are kept: opening them says what to do), and
 * .tsv, the 已核实 marks files the page exports (batch-marks.ts). */
const REPORT_NAME = /\.(txt|docx|html?|pdf|doc|wps|tsv)$/i;

/** Whether a file found inside a folder is taken as a report. */
export function isReportName(name: string): boolean {
  return REPORT_NAME.test(name) && !/^(\.|~\$)/.test(name);
}

/** Files from an <input type="file" multiple> or one with webkitdirectory. */
export function fromInput(list: FileList | null): Picked {
  const picked: Picked = { files: [], skipped: 0, truncated: false };
  if (!list) return picked;
  for (let i = 0; i < list.length; i++) {
    const file = list[i];
    const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath || '';
    if (relative && !isReportName(file.name)) {
      picked.skipped++;
      continue;
    }
    if (picked.files.length >= MAX_FILES) {
      picked.truncated = true;
      break;
    }
    picked.files.push({ file, path: relative || file.name });
  }
  return picked;
}

function fileOf(entry: FileSystemFileEntry): Promise<File | null> {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

/** Every entry of a folder: readEntries answers in batches until an empty one. */
function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve) => {
    const next = () => reader.readEntries((batch) => {
      if (!batch.length || all.length >= MAX_FILES) {
        resolve(all);
        return;
      }
      for (let i = 0; i < batch.length; i++) all.push(batch[i]);
      next();
    }, () => resolve(all));
    next();
  });
}

/**
 * The files of a drop. The entries must be taken during the drop event (the items die with it),
 * so call this synchronously from the handler; the walk itself is asynchronous.
 */
export function fromDrop(data: DataTransfer): Promise<Picked> {
  const roots: FileSystemEntry[] = [];
  const loose: File[] = [];
  const items = data.items;
  for (let i = 0; items && i < items.length; i++) {
    const item = items[i];
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) roots.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  // No entries API (or no items): the flat file list, as <input multiple> gives it.
  if (!roots.length && !loose.length) return Promise.resolve(fromInput(data.files));
  const picked: Picked = { files: loose.map((file) => ({ file, path: file.name })), skipped: 0, truncated: false };
  const walk = async () => {
    let level: { entry: FileSystemEntry; inFolder: boolean }[] = roots.map((entry) => ({ entry, inFolder: false }));
    for (let depth = 0; level.length && depth <= MAX_DEPTH; depth++) {
      const deeper: typeof level = [];
      for (const { entry, inFolder } of level) {
        if (picked.files.length >= MAX_FILES) {
          picked.truncated = true;
          return;
        }
        if (entry.isDirectory) {
          for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) deeper.push({ entry: child, inFolder: true });
        } else if (!inFolder || isReportName(entry.name)) {
          const file = await fileOf(entry as FileSystemFileEntry);
          if (file) picked.files.push({ file, path: entry.fullPath.replace(/^\//, '') || file.name });
        } else {
          picked.skipped++;
        }
      }
      if (depth === MAX_DEPTH && deeper.length) picked.truncated = true;
      level = deeper;
    }
  };
  return walk().then(() => picked);
}
