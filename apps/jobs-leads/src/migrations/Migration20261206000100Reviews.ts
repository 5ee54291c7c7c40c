import { Migration } from '@mikro-orm/migrations';

/**
 * Reviews: one per job, by its customer, of the vendor whose quote won; the text and the
 * vendor's response are each published or held for moderation. A job remembers when it was
 * completed (the review window runs from then), and a vendor's profile the sum and count of its
 * published reviews, which its Bayesian rating is computed from.
 */
export class Migration20261206000100Reviews extends Migration {
  override up(): void {
    // No NOT NULL check: pods of the previous release still complete jobs without it during a
    // rollout, and the review window falls back to updated_at for those.
    this.addSql(`alter table job add column completed_at timestamptz null;`);
    this.addSql(
      `update job set completed_at = updated_at where status in ('completed', 'closed');`,
    );
    this.addSql(
      `create index job_review_window_index on job (completed_at) where status = 'completed';`,
    );
    this.addSql(`
      alter table vendor_profile
        add column review_count integer not null default 0 check (review_count >= 0),
        add column rating_sum integer not null default 0,
        add constraint vendor_profile_rating_sum_in_range
          check (rating_sum between review_count and 5 * review_count);`);
    this.addSql(`
      create table review (
        id uuid primary key,
        job_id uuid not null unique references job (id),
        customer_id uuid not null,
        vendor_id uuid not null,
        rating smallint not null check (rating between 1 and 5),
        feedback text null check (char_length(feedback) between 1 and 2000),
        recommend boolean not null,
        status text not null check (status in ('published', 'pending_moderation', 'rejected')),
        held_for text[] not null,
        moderation_note text null check (char_length(moderation_note) between 1 and 500),
        moderated_at timestamptz null,
        response text null check (char_length(response) between 1 and 2000),
        response_status text null
          check (response_status in ('published', 'pending_moderation', 'rejected')),
        response_held_for text[] not null,
        response_moderation_note text null
          check (char_length(response_moderation_note) between 1 and 500),
        response_moderated_at timestamptz null,
        responded_at timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint review_response_whole check (
          (response is null) = (response_status is null)
          and (response is null) = (responded_at is null)),
        constraint review_response_on_published check (response is null or status = 'published')
      );`);
    this.addSql(
      `create index review_vendor_published_index on review (vendor_id, id desc) where status = 'published';`,
    );
    this.addSql(`
      create index review_moderation_index on review (id)
        where status = 'pending_moderation' or response_status = 'pending_moderation';`);
    // What the customer and the vendor wrote is never rewritten, and no review disappears:
    // moderation changes only statuses and notes.
    this.addSql(`
      create function review_words_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' or tg_op = 'TRUNCATE' then
          raise exception 'reviews are never deleted';
        end if;
        if new.job_id <> old.job_id or new.customer_id <> old.customer_id
           or new.vendor_id <> old.vendor_id or new.rating <> old.rating
           or new.feedback is distinct from old.feedback or new.recommend <> old.recommend
           or new.created_at <> old.created_at
           or (old.response is not null and (new.response is distinct from old.response
               or new.responded_at is distinct from old.responded_at)) then
          raise exception 'what a review and its response say is immutable';
        end if;
        return new;
      end $$;`);
    this.addSql(`
      create trigger review_words_immutable before update or delete on review
        for each row execute function review_words_immutable();`);
    this.addSql(`
      create trigger review_never_truncated before truncate on review
        for each statement execute function review_words_immutable();`);
  }
}
