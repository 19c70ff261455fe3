// Command match generates and solves matching instances in DIMACS min-cost-flow form, so
// the engine can be checked against any other solver (see README.md).
//
//	go run ./bench/match gen -needs 30000 -workers 2000 -seed 1 [-k 50] [-out file.min]
//	go run ./bench/match solve [-greedy] file.min
//
// The last line printed is always `cost=<int> seconds=<float>`; seconds is the wall time
// of the solve only (generation, parsing and writing are not timed). The line before it
// gives the number of unassigned demands and the solve's CPU time.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"syscall"
	"time"

	"jiuzhu/internal/match/mcf"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "solve":
		err = solve(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "match:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: match gen -needs N -workers M -seed S [-k K] [-out file.min] [-greedy]\n       match solve [-greedy] file.min")
	os.Exit(2)
}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	needs := fs.Int("needs", 3000, "number of demands")
	workers := fs.Int("workers", 300, "number of workers")
	seed := fs.Int64("seed", 1, "generator seed")
	k := fs.Int("k", 50, "nearest feasible workers per demand")
	out := fs.String("out", "", "write the instance to this DIMACS file")
	greedy := fs.Bool("greedy", false, "solve with the greedy baseline instead of the engine")
	fs.Parse(args)
	in := mcf.Generate(*needs, *workers, *seed, *k)
	fmt.Printf("needs=%d workers=%d arcs=%d seed=%d k=%d\n", in.N, in.M, len(in.Worker), *seed, *k)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if err := in.WriteDIMACS(w); err != nil {
			f.Close()
			return err
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return run(in, *greedy)
}

func solve(args []string) error {
	fs := flag.NewFlagSet("solve", flag.ExitOnError)
	greedy := fs.Bool("greedy", false, "solve with the greedy baseline instead of the engine")
	fs.Parse(args)
	if fs.NArg() != 1 {
		usage()
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	in, err := mcf.ReadDIMACS(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return err
	}
	fmt.Printf("needs=%d workers=%d arcs=%d\n", in.N, in.M, len(in.Worker))
	return run(in, *greedy)
}

func run(in *mcf.Instance, greedy bool) error {
	c0 := cpuSeconds()
	t0 := time.Now()
	var sol *mcf.Solution
	if greedy {
		sol = mcf.Greedy(in)
	} else {
		var err error
		if sol, err = mcf.Solve(in); err != nil {
			return err
		}
	}
	secs := time.Since(t0).Seconds()
	cpu := cpuSeconds() - c0
	unassigned := 0
	for _, w := range sol.Assign {
		if w < 0 {
			unassigned++
		}
	}
	fmt.Printf("unassigned=%d cpu_seconds=%.3f\n", unassigned, cpu)
	fmt.Printf("cost=%d seconds=%.3f\n", sol.Cost, secs)
	return nil
}

// cpuSeconds is the process's user+system CPU time; on a busy machine it is a fairer
// yardstick than wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
