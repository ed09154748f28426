import { TickforgeError } from '../../core/errors.js';
import type { IndicatorDefinition } from './IndicatorDefinition.js';
import { momentumDirectionalDefinitions } from './momentumDirectional.js';
import { momentumOscillatorDefinitions } from './momentumOscillators.js';
import { patternMultiDefinitions } from './patternsMulti.js';
import { rollingDefinitions } from './rolling.js';
import { volatilityBandDefinitions } from './volatilityBands.js';
import { volatilityRangeDefinitions } from './volatilityRanges.js';
import { patternSingleDefinitions } from './patternsSingle.js';
import { trendAverageDefinitions } from './trendAverages.js';
import { trendSystemDefinitions } from './trendSystems.js';
import { volumeDefinitions } from './volume.js';

/** Every indicator and pattern tickforge ships, by the name users type. */
export const indicatorDefinitions: readonly IndicatorDefinition[] = [...trendAverageDefinitions, ...trendSystemDefinitions, ...volumeDefinitions, ...momentumOscillatorDefinitions, ...momentumDirectionalDefinitions, ...volatilityRangeDefinitions, ...volatilityBandDefinitions, ...rollingDefinitions, ...patternSingleDefinitions, ...patternMultiDefinitions];

const byName = new Map(indicatorDefinitions.map((definition) => [definition.name, definition]));
if (byName.size !== indicatorDefinitions.length) {
  const seen = new Set<string>();
  const twice = indicatorDefinitions.filter((d) => (seen.has(d.name) ? true : (seen.add(d.name), false))).map((d) => d.name);
  throw new Error(`Indicator registry: names registered twice: ${twice.join(', ')}`);
}

/**
 * The definition of `name` (case-insensitive).
 * @throws TF_ERR_INDICATOR_UNKNOWN listing the closest names.
 */
export function findIndicator(name: string): IndicatorDefinition {
  const definition = byName.get(name.trim().toLowerCase());
  if (definition !== undefined) return definition;
  const wanted = name.trim().toLowerCase();
  const close = [...byName.keys()]
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5)
    .map((entry) => entry.candidate);
  throw new TickforgeError('TF_ERR_INDICATOR_UNKNOWN', `No indicator or pattern named "${name}". Closest: ${close.join(', ')}. See \`tickforge indicator --list\`.`, {
    details: { name, closest: close },
  });
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
