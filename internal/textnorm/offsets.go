package textnorm

import "unicode/utf8"

// CharIndex converts byte offsets of one text into character (Unicode code
// point) offsets, the unit that reports and the PAN format use.
type CharIndex struct {
	ascii bool
	chars []int32 // chars[b] = character offset of byte b (len(src)+1 entries)
}

// NewCharIndex indexes src. For ASCII text it costs nothing.
func NewCharIndex(src string) *CharIndex {
	ascii := true
	for i := 0; i < len(src); i++ {
		if src[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return &CharIndex{ascii: true}
	}
	chars := make([]int32, len(src)+1)
	c := int32(0)
	for i := 0; i < len(src); {
		_, size := utf8.DecodeRuneInString(src[i:])
		for k := 0; k < size; k++ {
			chars[i+k] = c
		}
		i += size
		c++
	}
	chars[len(src)] = c
	return &CharIndex{chars: chars}
}

// Char returns the character offset of byte offset b.
func (x *CharIndex) Char(b int) int {
	if x.ascii {
		return b
	}
	return int(x.chars[b])
}

// ByteOffset returns the byte offset of character offset c in src (the
// inverse of Char), clamped to len(src).
func ByteOffset(src string, c int) int {
	b := 0
	for i := 0; i < c && b < len(src); i++ {
		_, size := utf8.DecodeRuneInString(src[b:])
		b += size
	}
	return b
}
