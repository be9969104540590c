//go:build !linux

package synth

import "time"

func threadCPU() (time.Duration, bool) { return 0, false }
