"""Writes the input files of examples/10-your-own-data.ipynb the way a Python user would: numpy, scipy,
networkx and pandas, each with its own writer. The notebook reads them with Eigenlab's `io` readers.

Run with Debian's Python (the one with the peers): /usr/bin/python3 make_your_data.py [folder]
The data are real: scikit-learn's bundled digits and iris tables (UCI, see their descriptors in
sklearn/datasets/descr) and networkx's copies of Zachary's karate club and the Les Misérables co-appearances.
"""
import os
import sys

import networkx as nx
import numpy as np
import pandas as pd
import scipy.io
import scipy.sparse
from sklearn.datasets import load_digits, load_iris

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)

# NumPy: the 8x8 digits as uint8 pixels (0..16) and their int64 labels.
digits = load_digits()
np.save(os.path.join(out, "digits.npy"), digits.data.astype(np.uint8))
np.save(os.path.join(out, "digits_labels.npy"), digits.target.astype(np.int64))

# SciPy: the karate club's weighted adjacency as Matrix Market (symmetric, real).
karate = nx.karate_club_graph()
A = nx.to_scipy_sparse_array(karate, nodelist=sorted(karate.nodes()), weight="weight", format="coo")
scipy.io.mmwrite(os.path.join(out, "karate.mtx"), scipy.sparse.coo_matrix(A), symmetry="symmetric",
                 comment="Zachary's karate club (networkx karate_club_graph, weighted)")
clubs = [karate.nodes[i]["club"] for i in sorted(karate.nodes())]
np.save(os.path.join(out, "karate_clubs.npy"), np.array([c == "Officer" for c in clubs]))

# networkx: Les Miserables co-appearances as a weighted edge list with string node names.
lesmis = nx.les_miserables_graph()
nx.write_edgelist(lesmis, os.path.join(out, "lesmis.edgelist"), data=["weight"], delimiter=" ")

# pandas: iris with its species names as a CSV table.
iris = load_iris(as_frame=True)
frame = iris.frame.copy()
frame["species"] = [iris.target_names[t] for t in iris.target]
frame = frame.drop(columns=["target"])
frame.to_csv(os.path.join(out, "iris.csv"), index=False)

print("wrote", ", ".join(sorted(f for f in os.listdir(out) if not f.endswith(".py"))), "to", out)
