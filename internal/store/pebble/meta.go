package pebble

import (
	"context"
	"fmt"
	"strings"

	pb "github.com/cockroachdb/pebble/v2"

	"github.com/spintrace/spintrace"
)

// Meta returns a store-level setting. "pebble.format" holds FormatVersion.
func (db *DB) Meta(ctx context.Context, key string) (string, bool, error) {
	if err := db.enter(); err != nil {
		return "", false, err
	}
	defer db.leave()
	v, ok, err := db.get(metaKey(key))
	if err != nil {
		return "", false, fmt.Errorf("meta %q: %w", key, err)
	}
	return string(v), ok, nil
}

// SetMeta sets a store-level setting, synced. Keys starting with "pebble."
// belong to this package and are refused (spintrace.ErrBadInput).
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	if key == "" || strings.HasPrefix(key, reservedMetaPrefix) {
		return fmt.Errorf("set meta %q: reserved or empty key: %w", key, spintrace.ErrBadInput)
	}
	if err := db.enterWrite(); err != nil {
		return err
	}
	defer db.leave()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("set meta %q: %w", key, err)
	}
	if err := db.pdb.Set(metaKey(key), []byte(value), pb.Sync); err != nil {
		return fmt.Errorf("set meta %q: %w", key, err)
	}
	return nil
}
