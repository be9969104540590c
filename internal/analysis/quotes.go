package analysis

import (
	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// quotes compares the quotations of the article with those of its sources.
func quotes(in Input, ci *textnorm.CharIndex) []spintrace.QuoteFinding {
	return []spintrace.QuoteFinding{}
}
