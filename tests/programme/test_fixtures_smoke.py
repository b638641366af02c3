def test_two_programmes_are_built_apart(programme_x, programme_y):
    assert programme_x.cohort.programme != programme_y.cohort.programme
    assert len(programme_x.participants) == 6
    assert programme_x.facilitator in programme_x.programme.facilitators.all()
    assert programme_x.facilitator not in programme_y.programme.facilitators.all()
