/*
 * The raw C speed reference for bench/suites/indicators.ts: TA-Lib's and Tulip's own kernels
 * called directly, with no JavaScript boundary, on the same random walk the suite feeds to
 * every JavaScript implementation. Built at bench time by the suite with `cc -O2`.
 *
 * Usage: kernels <walk.f64> <bars> <runs> [indicator]
 *   walk.f64: five little-endian float64 columns of <bars> values each, in the order
 *   open, high, low, close, volume.
 * Prints one JSON object: {"bars":N,"runs":R,"results":[{implementation, indicator,
 * nsPerBar, last}...]}, nsPerBar being the median of R timed calls after one warm-up call.
 * With [indicator] (e.g. SMA), only that indicator's kernels run: the suite times them right
 * after the JavaScript implementations of the same indicator, so that drift in the shared
 * machine's speed affects both sides of a ratio alike.
 * Outputs are allocated once, outside the timed calls, as a C caller would.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_TALIB
#include "ta_libc.h"
#endif
#ifdef HAVE_TULIP
#include "indicators.h"
#endif

static double *open_, *high, *low, *close_, *volume;
static double *out1, *out2, *out3;
static int *outInteger;
static int bars;
static int runs;
static int printed;
static const char *only;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Each kernel runs the whole series once and returns the last value of its main output. */
typedef double (*kernel_fn)(void);

static void measure(const char *implementation, const char *indicator, kernel_fn kernel) {
  if (only != NULL && strcmp(only, indicator) != 0) return;
  double *samples = malloc(sizeof(double) * (size_t)runs);
  double last = kernel(); /* warm-up: caches, page faults on the output buffers */
  for (int r = 0; r < runs; r++) {
    double start = now_ns();
    last = kernel();
    samples[r] = now_ns() - start;
  }
  qsort(samples, (size_t)runs, sizeof(double), compare);
  double median = runs % 2 ? samples[runs / 2] : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
  printf("%s{\"implementation\":\"%s\",\"indicator\":\"%s\",\"nsPerBar\":%.6f,\"last\":%.17g}",
         printed++ ? ",\n" : "", implementation, indicator, median / bars, last);
  free(samples);
}

#ifdef HAVE_TALIB
static int begIdx, count;
static double ta_sma(void) { TA_SMA(0, bars - 1, close_, 20, &begIdx, &count, out1); return out1[count - 1]; }
static double ta_ema(void) { TA_EMA(0, bars - 1, close_, 20, &begIdx, &count, out1); return out1[count - 1]; }
static double ta_rsi(void) { TA_RSI(0, bars - 1, close_, 14, &begIdx, &count, out1); return out1[count - 1]; }
static double ta_macd(void) { TA_MACD(0, bars - 1, close_, 12, 26, 9, &begIdx, &count, out1, out2, out3); return out1[count - 1]; }
static double ta_atr(void) { TA_ATR(0, bars - 1, high, low, close_, 14, &begIdx, &count, out1); return out1[count - 1]; }
static double ta_bbands(void) {
  TA_BBANDS(0, bars - 1, close_, 20, 2.0, 2.0, TA_MAType_SMA, &begIdx, &count, out1, out2, out3);
  return out1[count - 1];
}
static double ta_stoch(void) {
  TA_STOCH(0, bars - 1, high, low, close_, 14, 3, TA_MAType_SMA, 3, TA_MAType_SMA, &begIdx, &count, out1, out2);
  return out1[count - 1];
}
static double ta_adx(void) { TA_ADX(0, bars - 1, high, low, close_, 14, &begIdx, &count, out1); return out1[count - 1]; }
static double ta_obv(void) { TA_OBV(0, bars - 1, close_, volume, &begIdx, &count, out1); return out1[count - 1]; }
static double ta_engulfing(void) {
  TA_CDLENGULFING(0, bars - 1, open_, high, low, close_, &begIdx, &count, outInteger);
  return outInteger[count - 1];
}
#endif

#ifdef HAVE_TULIP
static double tulip(const ti_indicator_info *info, const double *inputs[], const double *options) {
  double *outputs[3] = {out1, out2, out3};
  info->indicator(bars, inputs, options, outputs);
  return out1[bars - info->start(options) - 1];
}
static const ti_indicator_info *sma_info, *ema_info, *rsi_info, *macd_info, *atr_info, *bbands_info, *stoch_info, *adx_info, *obv_info;
static double ti_sma_k(void) { const double *in[] = {close_}; const double o[] = {20}; return tulip(sma_info, in, o); }
static double ti_ema_k(void) { const double *in[] = {close_}; const double o[] = {20}; return tulip(ema_info, in, o); }
static double ti_rsi_k(void) { const double *in[] = {close_}; const double o[] = {14}; return tulip(rsi_info, in, o); }
static double ti_macd_k(void) { const double *in[] = {close_}; const double o[] = {12, 26, 9}; return tulip(macd_info, in, o); }
static double ti_atr_k(void) { const double *in[] = {high, low, close_}; const double o[] = {14}; return tulip(atr_info, in, o); }
static double ti_bbands_k(void) {
  /* Tulip orders the bands lower, middle, upper; report the upper band like the others. */
  const double *in[] = {close_};
  const double o[] = {20, 2};
  tulip(bbands_info, in, o);
  return out3[bars - bbands_info->start(o) - 1];
}
static double ti_stoch_k(void) { const double *in[] = {high, low, close_}; const double o[] = {14, 3, 3}; return tulip(stoch_info, in, o); }
static double ti_adx_k(void) { const double *in[] = {high, low, close_}; const double o[] = {14}; return tulip(adx_info, in, o); }
static double ti_obv_k(void) { const double *in[] = {close_, volume}; const double o[] = {0}; return tulip(obv_info, in, o); }
#endif

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s <walk.f64> <bars> <runs>\n", argv[0]);
    return 2;
  }
  bars = atoi(argv[2]);
  runs = atoi(argv[3]);
  only = argc > 4 ? argv[4] : NULL;
  FILE *file = fopen(argv[1], "rb");
  if (file == NULL || bars < 100 || runs < 1) {
    fprintf(stderr, "cannot read %s or bad arguments\n", argv[1]);
    return 2;
  }
  double **columns[] = {&open_, &high, &low, &close_, &volume};
  for (int c = 0; c < 5; c++) {
    *columns[c] = malloc(sizeof(double) * (size_t)bars);
    if (fread(*columns[c], sizeof(double), (size_t)bars, file) != (size_t)bars) {
      fprintf(stderr, "%s is shorter than 5 x %d float64 values\n", argv[1], bars);
      return 2;
    }
  }
  fclose(file);
  out1 = malloc(sizeof(double) * (size_t)bars);
  out2 = malloc(sizeof(double) * (size_t)bars);
  out3 = malloc(sizeof(double) * (size_t)bars);
  outInteger = malloc(sizeof(int) * (size_t)bars);

  printf("{\"bars\":%d,\"runs\":%d,\"results\":[\n", bars, runs);
#ifdef HAVE_TALIB
  TA_Initialize();
  measure("ta-lib C", "SMA", ta_sma);
  measure("ta-lib C", "EMA", ta_ema);
  measure("ta-lib C", "RSI", ta_rsi);
  measure("ta-lib C", "MACD", ta_macd);
  measure("ta-lib C", "ATR", ta_atr);
  measure("ta-lib C", "BBANDS", ta_bbands);
  measure("ta-lib C", "STOCH", ta_stoch);
  measure("ta-lib C", "ADX", ta_adx);
  measure("ta-lib C", "OBV", ta_obv);
  measure("ta-lib C", "CDLENGULFING", ta_engulfing);
  TA_Shutdown();
#endif
#ifdef HAVE_TULIP
  sma_info = ti_find_indicator("sma");
  ema_info = ti_find_indicator("ema");
  rsi_info = ti_find_indicator("rsi");
  macd_info = ti_find_indicator("macd");
  atr_info = ti_find_indicator("atr");
  bbands_info = ti_find_indicator("bbands");
  stoch_info = ti_find_indicator("stoch");
  adx_info = ti_find_indicator("adx");
  obv_info = ti_find_indicator("obv");
  measure("tulip C", "SMA", ti_sma_k);
  measure("tulip C", "EMA", ti_ema_k);
  measure("tulip C", "RSI", ti_rsi_k);
  measure("tulip C", "MACD", ti_macd_k);
  measure("tulip C", "ATR", ti_atr_k);
  measure("tulip C", "BBANDS", ti_bbands_k);
  measure("tulip C", "STOCH", ti_stoch_k);
  measure("tulip C", "ADX", ti_adx_k);
  measure("tulip C", "OBV", ti_obv_k);
#endif
  printf("\n]}\n");
  return 0;
}
