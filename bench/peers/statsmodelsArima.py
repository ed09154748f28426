# statsmodels' SARIMAX fit timed on series given by the forecast bench (bench/suites/forecast.ts).
# Usage: /usr/bin/python3 bench/peers/statsmodelsArima.py <input.json> <repeats>
# input.json: {"cases": [{"name": ..., "values": [...], "order": [p, d, q]}]}
# Prints one JSON object: {name: {"seconds": median, "llf": ..., "params": [...], "converged": bool}}.
import json
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.statespace.sarimax import SARIMAX

warnings.simplefilter('ignore')
cases = json.load(open(sys.argv[1]))['cases']
repeats = int(sys.argv[2])
out = {}
for case in cases:
    y = np.asarray(case['values'], dtype=float)
    SARIMAX(y, order=tuple(case['order'])).fit(disp=0)  # imports and caches warmed up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        res = SARIMAX(y, order=tuple(case['order'])).fit(disp=0)
        times.append(time.perf_counter() - start)
    out[case['name']] = dict(seconds=float(np.median(times)), llf=float(res.llf), params=np.asarray(res.params).tolist(), converged=bool(res.mle_retvals.get('converged', False)))
print(json.dumps(out))
