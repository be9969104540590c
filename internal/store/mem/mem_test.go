package mem

import (
	"testing"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) spintrace.Store { return New() },
	})
}
