# Check a student's quiz answers and report.
answers = {"q1": "b", "q2": "d", "q3": "a", "q4": "c", "q5": "b"}
student = {"q1": "b", "q2": "a", "q3": "a", "q5": "B", "q6": "x"}
correct = [q for q, a in answers.items() if student.get(q, "").lower() == a]
wrong = {q: (student[q], a) for q, a in answers.items() if q in student and student[q].lower() != a}
missing = [q for q in answers if q not in student]
extra = sorted(set(student) - set(answers))
print("correct:", correct)
print("wrong:", wrong)
print("missing:", missing, "extra:", extra)
score = len(correct) / len(answers)
print(f"score: {score:.0%} ({len(correct)}/{len(answers)})")
grade = "pass" if score >= 0.6 else "fail"
print(grade.upper().center(12, "="))
