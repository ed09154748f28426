/** Smart Money Concepts market structure: each detector as a batch function over `Bars` and an incremental class. */
export * from './structureOptions.js';
export * from './BarWindow.js';
export * from './ColumnArena.js';
export * from './swings.js';
export * from './structureBreaks.js';
export * from './orderBlocks.js';
export * from './fairValueGaps.js';
export * from './equalLevels.js';
export * from './previousPeriodLevels.js';
export * from './dealingRange.js';
export * from './StructureEngine.js';
