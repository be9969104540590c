-- 0001: documents, origins, postings, lexicon, meta.
--
-- Every table has the column Citus distributes it by first in its primary
-- key (docs/scale-out.md): documents by id, origins by origin, postings by
-- hash, lexicon by site, lexicon_pairs by pair_key; meta is a reference
-- table. No unique constraint leaves out its table's distribution column.

-- ref is the store-internal document number (spintrace.Ref). Refs come from
-- this sequence, in batch order; a rolled-back Put leaves a gap, which the
-- Store contract allows.
CREATE SEQUENCE documents_ref_seq AS bigint MINVALUE 1;

CREATE TABLE documents (
    id        text COLLATE "C"        NOT NULL,
    ref       bigint      NOT NULL,
    origin    text COLLATE "C"        NOT NULL DEFAULT '',
    url       text        NOT NULL DEFAULT '',
    site      text COLLATE "C"        NOT NULL DEFAULT '',
    title     text        NOT NULL DEFAULT '',
    byline    text        NOT NULL DEFAULT '',
    published timestamptz,
    lang      text        NOT NULL DEFAULT '',
    text      text        NOT NULL,
    -- bytes of text in UTF-8, for Stats without reading every text
    text_size integer     NOT NULL,
    copies    integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (id)
);
-- Not unique: Citus cannot enforce uniqueness off the distribution column.
-- Refs are unique because they come from documents_ref_seq.
CREATE INDEX documents_ref_idx ON documents (ref);

CREATE TABLE origins (
    origin text COLLATE "C" NOT NULL,
    id     text COLLATE "C" NOT NULL,
    PRIMARY KEY (origin)
);

-- One row per (fingerprint, document): candidate retrieval for one hash is
-- one range scan of the primary key, which returns refs in ascending order.
-- Hashes are uint64 stored as their two's-complement bigint.
CREATE TABLE postings (
    hash bigint NOT NULL,
    ref  bigint NOT NULL,
    PRIMARY KEY (hash, ref)
);

CREATE TABLE lexicon (
    site      text COLLATE "C"    NOT NULL,
    from_word text COLLATE "C"    NOT NULL,
    to_word   text COLLATE "C"    NOT NULL,
    count     bigint  NOT NULL,
    PRIMARY KEY (site, from_word, to_word)
);

CREATE TABLE lexicon_pairs (
    pair_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (pair_key)
);

CREATE TABLE meta (
    key   text COLLATE "C" NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (key)
);
