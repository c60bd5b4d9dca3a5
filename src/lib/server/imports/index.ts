/**
 * The spreadsheet import pipeline shared by the beneficiary import (./beneficiaries) and the
 * social reach import (./social): one reader (CSV in any of the encodings spreadsheets save,
 * XLSX with size and row caps), one error, one staging store between preview and confirm.
 */
export { ImportFileError, type FileMessages, type FileProblem } from './errors';
export { readSpreadsheet, type ReadOptions } from './read';
export { StagingStore } from './staging';
export type { Cell, ReadLimits, Table } from './table';
export { MAX_UNPACKED_BYTES } from './xlsx';
