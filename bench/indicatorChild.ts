import { timeIsolated } from './suites/indicators.js';
import type { IndicatorCode } from './peers/indicatorPeers.js';

/**
 * Child process of the indicators suite: times one implementation of one indicator in a fresh
 * process and prints the result as one JSON line (the last line of stdout).
 * Usage: tsx bench/indicatorChild.ts <indicator code> <implementation name> [--quick]
 */
const [code, implementation] = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const result = await timeIsolated(code as IndicatorCode, implementation);
console.log(JSON.stringify(result));
