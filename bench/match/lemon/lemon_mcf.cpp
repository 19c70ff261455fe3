// lemon_mcf solves a DIMACS min-cost-flow file with LEMON, as the reference the matching
// engine is measured against. Only the solve is timed, not the parse.
//
//   g++ -O2 -o lemon_mcf lemon_mcf.cpp      (the solvers used are header-only)
//   ./lemon_mcf [-cs] file.min      # -cs: CostScaling instead of NetworkSimplex
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <lemon/cost_scaling.h>
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

using namespace lemon;
typedef SmartDigraph Graph;
typedef long long Value;

template <typename Solver>
static int run(const Graph &g, Graph::ArcMap<Value> &lower, Graph::ArcMap<Value> &cap,
               Graph::ArcMap<Value> &cost, Graph::NodeMap<Value> &supply, const char *name) {
  std::clock_t c0 = std::clock();
  auto t0 = std::chrono::steady_clock::now();
  Solver s(g);
  s.lowerMap(lower).upperMap(cap).costMap(cost).supplyMap(supply);
  typename Solver::ProblemType r = s.run();
  auto t1 = std::chrono::steady_clock::now();
  double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  if (r != Solver::OPTIMAL) {
    std::fprintf(stderr, "%s: no optimal solution (status %d)\n", name, (int)r);
    return 1;
  }
  double secs = std::chrono::duration<double>(t1 - t0).count();
  std::printf("solver=%s nodes=%d arcs=%d cpu_seconds=%.3f\n", name, countNodes(g), countArcs(g), cpu);
  std::printf("cost=%lld seconds=%.3f\n", (long long)s.template totalCost<Value>(), secs);
  return 0;
}

int main(int argc, char **argv) {
  bool cs = false;
  const char *path = nullptr;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "-cs") == 0) cs = true;
    else path = argv[i];
  }
  if (!path) {
    std::fprintf(stderr, "usage: lemon_mcf [-cs] file.min\n");
    return 2;
  }
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path);
    return 2;
  }
  Graph g;
  Graph::ArcMap<Value> lower(g), cap(g), cost(g);
  Graph::NodeMap<Value> supply(g);
  readDimacsMin(in, g, lower, cap, cost, supply);
  if (cs) return run<CostScaling<Graph, Value, Value>>(g, lower, cap, cost, supply, "lemon-costscaling");
  return run<NetworkSimplex<Graph, Value, Value>>(g, lower, cap, cost, supply, "lemon-networksimplex");
}
