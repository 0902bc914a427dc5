"""The classroom session (game/classroom): the vote, the countdown and the lesson clock, the
teacher's notes. Plain Python, driven directly; no window."""
import subprocess
import sys
from pathlib import Path

from game.classroom import ClassroomSession, LessonTimer, clock_text, notes_for

REPO = Path(__file__).resolve().parent.parent
TUTORIAL = REPO / "story" / "tutorial"


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_classroom_package_never_imports_pygame():
    code = "import sys, game.classroom, game.ui.projector; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.strip() == "False"


def test_a_vote_counts_closes_and_is_remembered():
    room = ClassroomSession()
    v0 = room.version
    vote = room.open_vote(["Go", "Stay", "Hide"], [True, True, False], ["", "", "too low"],
                          seed=7, step=3)
    assert room.vote is vote and room.version > v0
    assert vote.count() is None and "No hands" in vote.message
    vote.entry.type("4")
    vote.entry.select(2)
    vote.entry.type("9")  # the locked option has the most hands: it still cannot win
    result = vote.count()
    assert result.chosen == 0 and "C had the most hands (9)" in result.locked_note
    room.close_vote(taken=True)
    assert room.vote is None and room.last_vote is result


def test_a_cancelled_vote_is_not_remembered():
    room = ClassroomSession()
    vote = room.open_vote(["Go", "Stay"], [True, True], ["", ""], seed=1, step=1)
    vote.entry.type("3")
    vote.count()
    room.close_vote()
    assert room.last_vote is None


def test_holding_the_clock_stops_the_countdown_and_the_lesson_time():
    clock = FakeClock()
    room = ClassroomSession(timer=LessonTimer(clock))
    room.timer.start()
    room.start_countdown(10)
    clock.now += 3
    assert room.tick(3) and room.countdown.shown == 7
    assert clock_text(room.timer.elapsed()) == "0:03"
    room.toggle_hold()
    clock.now += 60
    assert not room.tick(5) and room.countdown.shown == 7
    assert room.timer.elapsed() == 3 and room.next_change() is None
    room.toggle_hold()
    clock.now += 0.25
    assert room.timer.elapsed() == 3.25 and abs(room.next_change() - 0.75) < 1e-9
    assert clock_text(3725) == "1:02:05"


def test_notes_follow_the_run_to_the_pause_and_the_ending():
    from game.engine import Runtime
    from game.packs import load_pack
    pack = load_pack(str(TUTORIAL)).pack
    rt = Runtime.start(pack, None, 1)
    room = ClassroomSession()
    assert room.follow(rt) and room.notes.episode and not room.notes.next_prompt
    assert not room.follow(rt), "nothing moved: no change"
    for i in (0, 0, 0):  # get up, the usual way, drive Bea home
        rt.choose(i)
    assert room.follow(rt)
    assert room.notes.next_prompt == "Is it fair that a friend's low score can pull yours down?"
    rt.choose(0)
    room.follow(rt)
    n = room.notes
    assert n.ending == "First Shift" and "work out on the board" in n.ending_notes
    assert n.next_prompt == n.prompts[0] and len(n.prompts) == 3
    assert notes_for(rt) == n
