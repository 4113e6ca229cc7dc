-- case: text search dictionary and configuration created, with owners and comments
-- a
-- b
create text search dictionary english_simple (template = pg_catalog.simple, stopwords = english, accept = false);
comment on text search dictionary english_simple is 'no stemming';
alter text search dictionary english_simple owner to app_owner;
create text search configuration app_search (parser = pg_catalog."default");
alter text search configuration app_search add mapping for asciiword, word with english_simple, english_stem;
alter text search configuration app_search add mapping for numword, int with simple;
comment on text search configuration app_search is 'the app''s search';
alter text search configuration app_search owner to app_owner;

-- case: configuration copied from a built-in one
-- a
-- b
create text search configuration english_copy (copy = pg_catalog.english);

-- case: configuration mappings added, changed and dropped
-- a
create text search configuration app_search (copy = english);
-- b
create text search configuration app_search (copy = english);
alter text search configuration app_search alter mapping for asciiword with simple;
alter text search configuration app_search drop mapping for email, url, url_path;
alter text search configuration app_search add mapping for blank with simple;

-- case: dictionary options change, in another schema
-- a
create schema search;
create text search dictionary search.words (template = snowball, language = english, stopwords = english);
-- b
create schema search;
create text search dictionary search.words (template = snowball, language = 'english');

-- case: dictionary options reordered and added
-- a
create text search dictionary words (template = simple, stopwords = english);
-- b
create text search dictionary words (template = simple, accept = 'false', stopwords = 'english');

-- case: a dictionary dropped while its configuration stays
-- a
create text search dictionary plain (template = simple);
create text search configuration app_search (copy = english);
alter text search configuration app_search alter mapping for asciiword with plain, english_stem;
-- b
create text search configuration app_search (copy = english);

-- case: dictionary template changes, taking its configuration along
-- a
create text search dictionary words (template = simple);
create text search configuration app_search (parser = default);
alter text search configuration app_search add mapping for asciiword with words;
-- b
create text search dictionary words (template = snowball, language = english);
create text search configuration app_search (parser = default);
alter text search configuration app_search add mapping for asciiword with words;

-- case: a configuration used by a generated column and an index
-- a
create table docs (id int, title text, body text);
-- b
create text search configuration app_search (copy = english);
create table docs (
  id int,
  title text,
  body text,
  tsv tsvector generated always as (to_tsvector('public.app_search'::regconfig, coalesce(title, '') || ' ' || coalesce(body, ''))) stored
);
create index docs_title_fts on docs using gin (to_tsvector('public.app_search'::regconfig, title));

-- case: a configuration under a generated column and an index maps to a dictionary created anew
-- a
create text search dictionary words (template = simple);
create text search configuration app_search (parser = default);
alter text search configuration app_search add mapping for asciiword with words;
create table docs (id int, title text, tsv tsvector generated always as (to_tsvector('public.app_search'::regconfig, coalesce(title, ''))) stored);
create index docs_title_fts on docs using gin (to_tsvector('public.app_search'::regconfig, title));
-- b
create text search dictionary words (template = snowball, language = english);
create text search configuration app_search (parser = default);
alter text search configuration app_search add mapping for asciiword with words;
create table docs (id int, title text, tsv tsvector generated always as (to_tsvector('public.app_search'::regconfig, coalesce(title, ''))) stored);
create index docs_title_fts on docs using gin (to_tsvector('public.app_search'::regconfig, title));

-- case: configuration over an extension's dictionary
-- a
create extension unaccent;
-- b
create extension unaccent;
create text search configuration fr (copy = french);
alter text search configuration fr alter mapping for hword, hword_part, word with unaccent, french_stem;
