import { DISTRICTS, EVENT_KINDS, labelOf } from '@app/core';
import { User } from '@app/identity';
import { batchesById, type SearchIndexDefinition } from '@app/search';
import { DataSource, In, Repository } from 'typeorm';
import { Event } from './event.entity';

export const EVENTS_INDEX = 'events';

/** A published event as search sees it; times are epoch milliseconds so they filter as numbers. */
export interface EventDocument {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  description: string;
  district: string | null;
  districtLabel: string | null;
  audience: string;
  venue: string | null;
  online: boolean;
  organizerId: string;
  organizerName: string;
  startsAt: number;
  endsAt: number;
  status: string;
}

export function toEventDocument(event: Event, organizerName: string): EventDocument {
  return {
    id: event.id,
    kind: event.kind,
    kindLabel: labelOf(EVENT_KINDS, event.kind),
    title: event.title,
    description: event.description,
    district: event.district,
    districtLabel: event.district ? labelOf(DISTRICTS, event.district) : null,
    audience: event.audience,
    venue: event.venue,
    online: event.onlineUrl !== null,
    organizerId: event.organizerId,
    organizerName,
    startsAt: event.startsAt.getTime(),
    endsAt: event.endsAt.getTime(),
    status: event.status,
  };
}

async function documentsOf(users: Repository<User>, events: Event[]): Promise<EventDocument[]> {
  // Only published events are found: a draft is private, the others are history.
  const published = events.filter((event) => event.status === 'published');
  if (published.length === 0) return [];
  const organizers = await users.find({
    select: { id: true, name: true },
    where: { id: In([...new Set(published.map((event) => event.organizerId))]) },
  });
  const name = new Map(organizers.map((user) => [user.id, user.name]));
  return published.map((event) => toEventDocument(event, name.get(event.organizerId) ?? ''));
}

export function eventsSearchIndex(dataSource: DataSource): SearchIndexDefinition<EventDocument> {
  const events = dataSource.getRepository(Event);
  const users = dataSource.getRepository(User);
  return {
    name: EVENTS_INDEX,
    primaryKey: 'id',
    shape: '1',
    settings: {
      searchableAttributes: [
        'title',
        'kindLabel',
        'districtLabel',
        'venue',
        'organizerName',
        'description',
      ],
      filterableAttributes: [
        'status',
        'kind',
        'district',
        'audience',
        'startsAt',
        'endsAt',
        'organizerId',
      ],
      sortableAttributes: ['startsAt'],
      rankingRules: [
        'words',
        'typo',
        'proximity',
        'attribute',
        'sort',
        'exactness',
        'startsAt:asc',
      ],
      pagination: { maxTotalHits: 5_000 },
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    },
    load: async (ids) => documentsOf(users, await events.findBy({ id: In(ids) })),
    loadAll: async function* (batchSize) {
      for await (const rows of batchesById(events, { status: 'published' }, batchSize))
        yield await documentsOf(users, rows);
    },
  };
}
