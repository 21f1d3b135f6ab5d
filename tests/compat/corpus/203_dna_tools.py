from collections import Counter
from itertools import groupby
import re

SEQ = ("ATGGCGTACGCTAGCTAGGCTAACGTAGCTAGCTAGGATCGATCGTACGATCGATGCAAATTTGGGCCCTAG"
       "ATGAAATTTCCCGGGTAGCGCGCGATATATATGCGCTTAA")
CODONS = {"ATG": "M", "GCG": "A", "TAC": "Y", "GCT": "A", "AGC": "S", "TAG": "*", "GGC": "G", "TAA": "*",
          "CGT": "R", "AAA": "K", "TTT": "F", "GGG": "G", "CCC": "P", "TGA": "*", "CGC": "R", "GAT": "D"}

print("length:", len(SEQ))
counts = Counter(SEQ)
print({b: counts[b] for b in "ACGT"})
gc = (counts["G"] + counts["C"]) / len(SEQ)
print(f"GC content: {gc:.2%}")
comp = SEQ.translate(str.maketrans("ACGT", "TGCA"))
print("revcomp:", comp[::-1][:30] + "...")


def translate(seq):
    protein = []
    for i in range(0, len(seq) - 2, 3):
        aa = CODONS.get(seq[i:i + 3], "X")
        if aa == "*":
            break
        protein.append(aa)
    return "".join(protein)


orfs = [(m.start(), translate(SEQ[m.start():])) for m in re.finditer("ATG", SEQ)]
for pos, prot in orfs:
    print(f"ORF at {pos:>3}: {prot or '(empty)'}")
runs = max(((b, len(list(g))) for b, g in groupby(SEQ)), key=lambda t: t[1])
print("longest run:", runs)
kmers = Counter(SEQ[i:i + 4] for i in range(len(SEQ) - 3))
print(kmers.most_common(3))
print([m.start() for m in re.finditer(r"(?=ATAT)", SEQ)], SEQ.count("AT"), SEQ.find("GGGCCC"), SEQ.rfind("TAG"))
wrapped = "\n".join(SEQ[i:i + 40] for i in range(0, len(SEQ), 40))
print(wrapped)
hamming = sum(a != b for a, b in zip(SEQ[:20], SEQ[20:40]))
print("hamming(0:20, 20:40) =", hamming)
