import type { ChainProblem } from '#contracts';
import { entryHash, type HashedContent } from './entry-hash.js';

export interface ChainedEntry extends HashedContent {
  eventId: string;
  sequence: number;
  hash: string;
}

export interface ChainBreak {
  eventId: string;
  sequence: number;
  problem: ChainProblem;
}

/**
 * Walks one job's chain in sequence order, a page at a time: each entry must hash to what it
 * stores, name the previous entry's hash and come right after it. It cannot see the removal of
 * the newest entries, which leaves a shorter chain that is still whole.
 */
export class ChainVerifier {
  private previousHash: string | null = null;
  private checked = 0;

  get entries(): number {
    return this.checked;
  }

  /** The first problem of `entry`, or null when it is sound (and then counted). */
  check(entry: ChainedEntry): ChainBreak | null {
    const problem = this.problemOf(entry);
    if (problem) return { eventId: entry.eventId, sequence: entry.sequence, problem };
    this.previousHash = entry.hash;
    this.checked++;
    return null;
  }

  private problemOf(entry: ChainedEntry): ChainProblem | null {
    if (entryHash(entry) !== entry.hash) return 'content_altered';
    if (entry.sequence !== this.checked + 1) return 'entry_missing';
    if (entry.prevHash !== this.previousHash) return 'chain_broken';
    return null;
  }
}
