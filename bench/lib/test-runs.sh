# Sourced by the bench scripts that judge a goal by running suite tests with a stricter bound.
# ran_and_passed RC LOG COUNT: true when `dotnet test` exited RC 0 and its LOG shows COUNT tests passed and none skipped.
# A skipped test measured nothing (no browser, breakpoints that never fire, no gcc), so it never counts as a goal met.
ran_and_passed() {
  local rc="$1" log="$2" count="$3"
  [ "$rc" -eq 0 ] && ! grep -qE "Skipped +[A-Za-z]" "$log" && grep -qE "Passed: +${count}\b|Passed: ${count}," "$log"
}
