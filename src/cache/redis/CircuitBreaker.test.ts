import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './CircuitBreaker.js';

function setup(failureThreshold = 3, cooldownMs = 1_000) {
  let clock = 0;
  const changes: Array<[CircuitState, CircuitState]> = [];
  const lines: Array<{ level: number; msg: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const breaker = new CircuitBreaker({
    name: 'redis test',
    failureThreshold,
    cooldownMs,
    logger: pino({ level: 'info' }, destination),
    onStateChange: (state, previous) => changes.push([state, previous]),
    now: () => clock,
  });
  return { breaker, changes, lines, advance: (ms: number) => (clock += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures only: a success in between resets the count', () => {
    const { breaker, changes } = setup(3);
    breaker.recordFailure(new Error('timeout'));
    breaker.recordFailure(new Error('timeout'));
    breaker.recordSuccess();
    breaker.recordFailure(new Error('timeout'));
    breaker.recordFailure(new Error('timeout'));
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure(new Error('Command timed out'));
    expect(breaker.state()).toBe('open');
    expect(changes).toEqual([['open', 'closed']]);
  });

  it('refuses calls for the cooldown, then lets exactly one probe through', () => {
    const { breaker, advance } = setup(1, 1_000);
    breaker.recordFailure(new Error('down'));
    expect(breaker.tryAcquire()).toBe(false);
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('closes when the probe succeeds and reopens for a full cooldown when it fails', () => {
    const { breaker, changes, advance } = setup(1, 500);
    breaker.recordFailure(new Error('down'));
    advance(500);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure(new Error('still down'));
    expect(breaker.state()).toBe('open');
    advance(499);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual([
      ['open', 'closed'],
      ['half-open', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
      ['closed', 'half-open'],
    ]);
  });

  it('replaces a probe whose outcome never came back, instead of staying half-open for ever', () => {
    const { breaker, advance } = setup(1, 200);
    breaker.recordFailure(new Error('down'));
    advance(200);
    expect(breaker.tryAcquire()).toBe(true);
    advance(199);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('logs each state change once, the opening at warn with the last error', () => {
    const { breaker, lines, advance } = setup(2, 100);
    breaker.recordFailure(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    breaker.recordFailure(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    breaker.recordFailure(new Error('ignored while open'));
    advance(100);
    breaker.tryAcquire();
    breaker.recordSuccess();
    expect(lines.map((line) => line.level)).toEqual([40, 30, 30]);
    expect(lines[0].msg).toContain('ECONNREFUSED');
    expect(lines[0].msg).toContain('2 consecutive failures');
  });

  it('survives a listener that throws', () => {
    const { breaker } = setup(1);
    breaker.onStateChange(() => {
      throw new Error('metrics broke');
    });
    expect(() => breaker.recordFailure(new Error('down'))).not.toThrow();
    expect(breaker.state()).toBe('open');
  });
});
