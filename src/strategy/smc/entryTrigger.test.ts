import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preferZone, RetestTrigger, type RetestedZone } from './entryTrigger.js';
import type { PointOfInterest } from './pointsOfInterest.js';

function zone(direction: 1 | -1, bottom: number, top: number, kind: PointOfInterest['kind'] = 'order block', index = 0): PointOfInterest {
  return { kind, direction, top, bottom, index, time: index };
}

describe('entry trigger: a close back out of a touched zone', () => {
  it('triggers a bullish zone on the touch bar when that bar closes above the zone, with the bar low as the retest extreme', () => {
    const trigger = new RetestTrigger(3);
    trigger.arm(zone(1, 10, 11), 5);
    const triggered = trigger.step(5, 12, 10.5, 11.2);
    expect(triggered.map((entry) => [entry.zone.top, entry.touchedIndex, entry.extreme])).toEqual([[11, 5, 10.5]]);
    expect(trigger.waiting).toBe(0);
  });

  it('waits while the close stays inside, and triggers within retestBars, keeping the lowest low since the touch', () => {
    const trigger = new RetestTrigger(2);
    trigger.arm(zone(1, 10, 11), 5);
    expect(trigger.step(5, 11.5, 10.6, 10.8)).toHaveLength(0);
    expect(trigger.step(6, 11, 10.2, 10.4)).toHaveLength(0);
    const triggered = trigger.step(7, 11.6, 10.3, 11.4);
    expect(triggered).toHaveLength(1);
    expect(triggered[0].extreme).toBe(10.2);
  });

  it('lets the window run out: retestBars bars after the touch is the last chance', () => {
    const trigger = new RetestTrigger(1);
    trigger.arm(zone(1, 10, 11), 5);
    trigger.step(5, 11, 10.5, 10.7);
    trigger.step(6, 11, 10.5, 10.7);
    expect(trigger.waiting).toBe(0);
    expect(trigger.step(7, 12, 10.9, 11.5)).toHaveLength(0);
    const instant = new RetestTrigger(0);
    instant.arm(zone(1, 10, 11), 5);
    expect(instant.step(5, 11, 10.5, 10.7)).toHaveLength(0);
    expect(instant.waiting).toBe(0);
  });

  it('disarms a zone closed through its far side', () => {
    const trigger = new RetestTrigger(5);
    trigger.arm(zone(1, 10, 11), 5);
    expect(trigger.step(5, 11, 9.5, 9.9)).toHaveLength(0);
    expect(trigger.waiting).toBe(0);
  });

  it('mirrors the rules for a bearish zone: a close below its bottom triggers, above its top disarms', () => {
    const trigger = new RetestTrigger(2);
    trigger.arm(zone(-1, 20, 21), 3);
    const triggered = trigger.step(3, 21.4, 19, 19.5);
    expect(triggered.map((entry) => [entry.zone.bottom, entry.extreme])).toEqual([[20, 21.4]]);
    trigger.arm(zone(-1, 30, 31), 4);
    expect(trigger.step(4, 32, 29.5, 31.5)).toHaveLength(0);
    expect(trigger.waiting).toBe(0);
  });

  it('triggers each zone once', () => {
    const trigger = new RetestTrigger(5);
    trigger.arm(zone(1, 10, 11), 0);
    expect(trigger.step(0, 12, 10.5, 11.5)).toHaveLength(1);
    expect(trigger.step(1, 12, 10.5, 11.5)).toHaveLength(0);
  });

  it('lists several triggered zones nearest first, order blocks before gaps at one level, older first', () => {
    const trigger = new RetestTrigger(3);
    trigger.arm(zone(1, 8, 9, 'fair value gap', 4), 6);
    trigger.arm(zone(1, 9.5, 10, 'fair value gap', 2), 6);
    trigger.arm(zone(1, 9.5, 10, 'order block', 3), 6);
    trigger.arm(zone(1, 9, 10, 'order block', 1), 6);
    const order = trigger.step(6, 11, 7.5, 10.5).map((entry) => `${entry.zone.kind}@${entry.zone.index}`);
    expect(order).toEqual(['order block@1', 'order block@3', 'fair value gap@2', 'fair value gap@4']);
  });

  it('orders triggered zones the same whatever order they were armed in (a total order)', () => {
    const arbitraryZone = fc.record({
      direction: fc.constantFrom<1 | -1>(1, -1), bottom: fc.integer({ min: 0, max: 4 }), height: fc.integer({ min: 1, max: 2 }),
      kind: fc.constantFrom<PointOfInterest['kind']>('order block', 'fair value gap'), index: fc.integer({ min: 0, max: 3 }), touched: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryZone, { minLength: 1, maxLength: 8 }), (specs) => {
        const entries: RetestedZone[] = specs.map((spec) => ({ zone: zone(spec.direction, spec.bottom, spec.bottom + spec.height, spec.kind, spec.index), touchedIndex: spec.touched, extreme: 0 }));
        const key = (entry: RetestedZone) => JSON.stringify(entry);
        const sorted = [...entries].sort(preferZone).map(key);
        const reversed = [...entries].reverse().sort(preferZone).map(key);
        expect(reversed).toEqual(sorted);
      }),
    );
  });
});
