package synth

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time used by the calling OS thread, so that
// throughput can be stated per CPU-second on a busy machine. The caller must
// hold runtime.LockOSThread.
func threadCPU() (time.Duration, bool) {
	const rusageThread = 1 // RUSAGE_THREAD
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
