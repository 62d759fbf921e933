import { invalidSnapshot, type JsonValue, type Observation } from './detector.ts';
import type { DetectionEvent } from './event.ts';
import { subjectHash } from './hash.ts';

/** A Map entry with its hash-table slot, the id string's header, and the id list's slot (64-bit V8, pointer compression). */
export const INDEX_ENTRY_BYTES = 48 + 16 + 4;

/**
 * Principal ids to dense slots, in the order first seen. Detectors keep their rows by slot, so a
 * principal is looked up once per event, whatever the number of detectors. Slots are never
 * reused: people and systems are registered, finite, and their history is evidence.
 */
export class PrincipalIndex {
  private readonly slots = new Map<string, number>();
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  slotOf(id: string): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.ids.push(id);
      this.slots.set(id, slot);
    }
    return slot;
  }

  /** Bytes the index holds for `id`. */
  entryBytes(id: string): number {
    return this.slots.has(id) ? INDEX_ENTRY_BYTES + id.length * 2 : 0;
  }

  /** The slot of `id`, or -1 when it was never seen. */
  find(id: string): number {
    return this.slots.get(id) ?? -1;
  }

  snapshot(): JsonValue {
    return this.ids.slice();
  }

  restore(snapshot: JsonValue): void {
    if (!Array.isArray(snapshot) || !snapshot.every((id) => typeof id === 'string') || new Set(snapshot).size !== snapshot.length) throw invalidSnapshot('index', 'ids are not a list of distinct strings');
    this.slots.clear();
    this.ids.length = 0;
    for (const id of snapshot as string[]) this.slotOf(id);
  }
}

/** The people and the system credentials seen so far: the two kinds of principal with rows. */
export class PrincipalIndexes {
  readonly persons = new PrincipalIndex();
  readonly credentials = new PrincipalIndex();

  /** Fills `observation` for `event` at `time`: slots, and the subjects' hashes (computed once for every detector). */
  fill(observation: Observation, event: DetectionEvent, time: number): void {
    observation.event = event;
    observation.time = time;
    observation.subjectCount = 0;
    switch (event.kind) {
      case 'access': {
        observation.person = this.persons.slotOf(event.personId);
        observation.credential = this.credentials.slotOf(event.credentialId);
        const subjects = event.subjects;
        if (subjects.length > observation.subjectHashes.length) observation.subjectHashes = new Uint32Array(subjects.length);
        for (let index = 0; index < subjects.length; index += 1) observation.subjectHashes[index] = subjectHash(subjects[index]!);
        observation.subjectCount = subjects.length;
        return;
      }
      case 'denial':
        observation.person = event.personId === null ? -1 : this.persons.slotOf(event.personId);
        observation.credential = event.credentialId === null ? -1 : this.credentials.slotOf(event.credentialId);
        return;
      case 'admin':
        observation.person = this.persons.slotOf(event.actorId);
        observation.credential = -1;
        return;
    }
  }
}

export function emptyObservation(): Observation {
  return { event: { kind: 'admin', seq: 0, at: 0, actorId: '', orgId: null, action: '' }, time: 0, person: -1, credential: -1, subjectHashes: new Uint32Array(512), subjectCount: 0 };
}
