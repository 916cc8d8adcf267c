// bench_emodel: the cost of one E-model evaluation (ITU-T G.107 with every
// default, core/quality/e_model.cpp). The monitor evaluates it for every channel
// every cycle, so at 5,000 channels and a 10 s cadence it runs 500 times a second:
// the goal is well under a microsecond each, noise beside the cycle's parsing.
//
// Prints the median of several rounds of one million evaluations over a spread of
// readings (latency 20..500 ms, jitter 0..80 ms, loss 0..20 %, three codecs), and
// the per-cycle cost at 5,000 channels.

#include "quality/codec_profile.h"
#include "quality/e_model.h"

#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace cc;

int main()
{
    const std::vector<CodecProfile> codecs{*codecProfile(QStringLiteral("PCMU")),
                                           *codecProfile(QStringLiteral("G729")),
                                           *codecProfile(QStringLiteral("OPUS"))};
    constexpr int kEvaluations = 1'000'000;
    constexpr int kRounds = 7;
    std::vector<double> nsPerEvaluation;
    double sink = 0.0; // keeps the optimiser from dropping the work
    for (int round = 0; round < kRounds; ++round) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kEvaluations; ++i) {
            const double latencyMs = 20.0 + (i % 481);
            const double jitterMs = (i % 81);
            const double lossPct = (i % 201) / 10.0;
            sink += evaluateEModel(latencyMs, jitterMs, lossPct, codecs[static_cast<size_t>(i % 3)]).mos;
        }
        const auto elapsed = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start);
        nsPerEvaluation.push_back(elapsed.count() / kEvaluations);
    }
    std::sort(nsPerEvaluation.begin(), nsPerEvaluation.end());
    const double median = nsPerEvaluation[nsPerEvaluation.size() / 2];
    std::printf("E-model (%s): %.0f ns per evaluation (median of %d rounds of %d; best %.0f, worst %.0f)\n",
                kEModelDescription, median, kRounds, kEvaluations, nsPerEvaluation.front(),
                nsPerEvaluation.back());
    std::printf("  per monitor cycle at 5,000 channels: %.2f ms\n", median * 5000.0 / 1e6);
    std::printf("  (checksum %.1f)\n", sink);
    return 0;
}
